package io.monorail.ws.domain.port.out;

/**
 * The store could not answer: down, unreachable or too slow. The message is safe to show to a
 * client (no addresses, no credentials).
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
