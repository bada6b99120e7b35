package io.monorail.ws.domain.port.in;

import java.util.concurrent.CompletionStage;

/**
 * One client connection as the transport sees it: frames in, then a close. The transport hands over
 * a connection's next frame only when the previous one's stage has completed, so a connection's
 * requests take effect in the order sent (a {@code watch} is bound on the broker before the next
 * frame is read) and one client cannot make the gateway queue work for it.
 */
public interface ClientSession {
    /** One text frame from the client; completes when it has been handled and answered. */
    CompletionStage<Void> onText(String text);

    /** A binary frame: not part of the protocol, answered with an error. */
    void onBinary();

    /** The connection closed, for whatever reason. Called once; nothing is sent afterwards. */
    void onClose();
}
