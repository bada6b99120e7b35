package io.monorail.ws.adapter.jetty;

import java.util.HashMap;
import java.util.Map;

/** Counts open connections, in total and per client address, against their limits. */
final class ConnectionLimiter {
    /** Whether a new connection may open, and if not, which limit it hit. */
    enum Admission {
        ADMITTED,
        TOO_MANY_IN_TOTAL,
        TOO_MANY_FROM_ADDRESS
    }

    private final int maxTotal;
    private final int maxPerAddress;
    // Guarded by this.
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int total;

    ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for a connection from {@code address}; release it when it closes. */
    synchronized Admission acquire(String address) {
        if (total >= maxTotal) {
            return Admission.TOO_MANY_IN_TOTAL;
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return Admission.TOO_MANY_FROM_ADDRESS;
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return Admission.ADMITTED;
    }

    synchronized void release(String address) {
        Integer fromAddress = perAddress.get(address);
        if (fromAddress == null) {
            return;
        }
        if (fromAddress <= 1) {
            perAddress.remove(address);
        } else {
            perAddress.put(address, fromAddress - 1);
        }
        total--;
    }

    synchronized int total() {
        return total;
    }
}
