package io.monorail.ws.app;

import java.net.URI;

/** Printing URIs without the secrets they may carry. */
final class Uris {
    private Uris() {}

    /** {@code amqp://user:secret@host} becomes {@code amqp://user:***@host}. */
    static String masked(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return uri.toString();
        }
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
        return uri.toString().replace(userInfo + "@", shown + "@");
    }
}
