package io.monorail.ws.domain;

import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.SessionStore;
import java.util.Objects;

/** The outgoing ports the gateway's core drives. */
public record GatewayPorts(
        EventFeed feed, ResourceStore store, SessionStore sessions, Clock clock) {
    public GatewayPorts {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(clock, "clock");
    }
}
