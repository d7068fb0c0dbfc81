package io.hazardwatch.simulator.run;

/** What a publisher has sent so far: batches (one per device and tick), the readings in them, and failures. */
public record PublishCounts(long batches, long readings, long failed) {

    @Override
    public String toString() {
        return "published " + batches + " batches (" + readings + " readings), failed " + failed;
    }
}
