package io.monorail.ws.domain.journal;

import io.monorail.ws.protocol.SharedFrame;
import java.util.Objects;

/** A frame and its position in the {@link FrameJournal}, by which sessions remember it. */
public record Journaled(long position, SharedFrame frame) {
    public Journaled {
        Objects.requireNonNull(frame, "frame");
    }
}
