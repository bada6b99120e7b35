package io.monorail.ws.load.client;

/** What a dialect may do with the connection it speaks over. */
public interface Subscriber {
    /** Sends one text message. */
    void send(String text);

    /** The server confirmed the subscription. */
    void subscribed();

    /**
     * A message that may carry a load event; returns false if it holds none (the dialect then reads
     * it as a control message).
     */
    boolean delivered(String text);

    /** The server refused or broke the subscription. */
    void failed(String why);
}
