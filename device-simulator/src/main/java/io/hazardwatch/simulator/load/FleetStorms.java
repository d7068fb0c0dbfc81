package io.hazardwatch.simulator.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Outages of a fleet: devices whose connection was lost, grouped while each loss follows the previous one within
 * {@link #GAP}. A group of at least {@code minDevices} is a storm; it has recovered when every device lost in it
 * had a reading PUBACKed again (a device lost again meanwhile still counts until it publishes).
 */
public final class FleetStorms {

    /** Losses this close to each other belong to one outage. */
    static final long GAP = 1_000_000_000L;

    private final int minDevices;
    private final List<Outage> outages = new ArrayList<>();
    private Outage current;
    private long lastLoss;

    FleetStorms(int minDevices) {
        this.minDevices = minDevices;
    }

    /** One outage: when it began, how many devices it took, how many still wait for a PUBACK. */
    static final class Outage {
        final long firstLoss;
        int lost;
        int waiting;
        long recoveredAt = -1;

        Outage(long firstLoss) {
            this.firstLoss = firstLoss;
        }
    }

    /** A storm as reported: devices lost, and seconds from the first loss until all published again (-1: never). */
    public record Storm(double atSeconds, int lost, double recoverySeconds, int stillDown) {
    }

    /** A device's connection was lost at {@code now}; returns the outage the device now waits in. */
    synchronized Outage lost(long now) {
        if (current == null || now - lastLoss > GAP) {
            current = new Outage(now);
            outages.add(current);
        }
        lastLoss = now;
        current.lost++;
        current.waiting++;
        return current;
    }

    /** A device of {@code outage} had a reading PUBACKed at {@code now}. */
    synchronized void published(Outage outage, long now) {
        if (--outage.waiting == 0) {
            outage.recoveredAt = now;
        }
    }

    /** The storms so far, times relative to {@code start}. */
    synchronized List<Storm> storms(long start) {
        List<Storm> storms = new ArrayList<>();
        for (Outage o : outages) {
            if (o.lost >= minDevices) {
                storms.add(new Storm((o.firstLoss - start) / 1e9, o.lost,
                        o.recoveredAt < 0 ? -1 : (o.recoveredAt - o.firstLoss) / 1e9, o.waiting));
            }
        }
        return storms;
    }
}
