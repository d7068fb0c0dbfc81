package io.hazardwatch.ingest.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that have not logged in yet, in total and per source address, each under its cap. Thread-safe: the
 * MQTT listeners' event loops share one count.
 */
final class UnauthenticatedCount {

    enum Admission { ADMITTED, TOTAL_FULL, ADDRESS_FULL }

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    UnauthenticatedCount(int maxTotal, int maxPerAddress) {
        if (maxTotal < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("the caps must be at least 1");
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection from {@code address} unless a cap is reached; then {@link #leave} must follow. */
    Admission enter(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Admission.TOTAL_FULL;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerAddress) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Admission.ADDRESS_FULL;
        }
        return Admission.ADMITTED;
    }

    /** The connection logged in or closed. */
    void leave(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
    }

    int total() {
        return total.get();
    }

    int addresses() {
        return perAddress.size();
    }

    int maxTotal() {
        return maxTotal;
    }

    int maxPerAddress() {
        return maxPerAddress;
    }
}
