package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.jetty.JettyTransportConfig;
import io.monorail.ws.adapter.jetty.JettyWebSocketServer;
import io.monorail.ws.domain.port.in.ClientGateway;

/** The WebSocket and HTTP transport. */
final class JettyModule extends AbstractModule {
    @Provides
    @Singleton
    JettyTransportConfig config(Settings settings) {
        return new JettyTransportConfig(
                settings.host(),
                settings.port(),
                settings.maxFrameBytes(),
                settings.pingInterval(),
                settings.idleTimeout(),
                settings.maxOutgoingFrames());
    }

    @Provides
    @Singleton
    JettyWebSocketServer server(JettyTransportConfig config, ClientGateway gateway) {
        return new JettyWebSocketServer(config, gateway);
    }
}
