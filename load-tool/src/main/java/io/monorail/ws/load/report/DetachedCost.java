package io.monorail.ws.load.report;

/** What one message missed by a session awaiting a resume costs, as a share of one delivery. */
public final class DetachedCost {
    private DetachedCost() {}

    /**
     * @param attachedMicros server CPU per delivery with only the {@code clients} watching
     * @param withDetachedMicros the same flood with {@code detached} sessions beside them; still
     *     per delivery to a connected client, which is all the clients count
     * @return the extra CPU per event, spread over the detached sessions, over {@code
     *     attachedMicros}
     */
    public static double shareOfADelivery(
            double attachedMicros, double withDetachedMicros, int clients, int detached) {
        if (attachedMicros <= 0 || clients < 1 || detached < 1) {
            throw new IllegalArgumentException("needs CPU per delivery, clients and detached > 0");
        }
        double perMissedMessage = (withDetachedMicros - attachedMicros) * clients / detached;
        return perMissedMessage / attachedMicros;
    }
}
