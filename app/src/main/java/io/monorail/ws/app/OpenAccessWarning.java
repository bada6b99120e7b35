package io.monorail.ws.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The warning due when a gateway without authentication listens where other machines can reach it:
 * {@code MONORAIL_AUTH=none} is meant for the embedded default on loopback only.
 */
final class OpenAccessWarning {
    private OpenAccessWarning() {}

    /** The warning text, or empty when authentication is on or the host is loopback only. */
    static Optional<String> check(String host, boolean authenticationRequired) {
        if (authenticationRequired || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of(
                "AUTHENTICATION IS OFF (MONORAIL_AUTH=none) and the gateway listens on "
                        + host
                        + ", reachable from other machines: anyone who can connect may read and"
                        + " watch everything, raw exchanges included. Set MONORAIL_AUTH=jwt, or"
                        + " MONORAIL_HOST=127.0.0.1.");
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // cannot tell: warn
        }
    }
}
