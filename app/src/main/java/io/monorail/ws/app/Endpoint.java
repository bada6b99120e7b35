package io.monorail.ws.app;

/**
 * A server the gateway talks to: started in-process (embedded default) or reached over the network
 * (external). Chosen by choosing a module, not by flags.
 */
interface Endpoint extends Service {
    /** Starts what is embedded; nothing for an external server. */
    @Override
    void start();

    /** Where to connect; valid after {@link #start()}. May hold credentials: never log it. */
    String uri();

    /** One line for the startup banner, without passwords. */
    String describe();
}
