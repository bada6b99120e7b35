package io.monorail.ws.domain.port.out;

/** Outgoing port telling the time, so that time-based behaviour can be tested without sleeping. */
public interface Clock {
    /** Milliseconds since the epoch. */
    long millis();

    /** The system clock. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
