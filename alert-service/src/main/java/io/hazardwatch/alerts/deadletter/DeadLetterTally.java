package io.hazardwatch.alerts.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Readings the gateway refused, counted per enterprise and reason over the last {@link #WINDOW}: a refused safety
 * reading never reaches detection, so the duty room must see that an enterprise's messages are being refused
 * (a wrong unit after a firmware update, an unregistered sensor, a quota set too low) — not only the enterprise.
 * Counts are kept per hour, so memory stays bounded whatever the rate.
 */
public final class DeadLetterTally {

    public static final Duration WINDOW = Duration.ofHours(24);
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final int HOURS = (int) WINDOW.toHours();
    /** Enterprise header missing: the client had not logged in as any enterprise (e.g. a malformed topic). */
    public static final String UNKNOWN_ENTERPRISE = "(unknown)";

    /** One enterprise's refused messages in the window: counts by reason and the newest one's details. */
    public record Summary(String enterprise, long total, Map<String, Long> byReason, Instant lastAt, String lastReason,
                          String lastDetail, String lastTopic) {
    }

    private record Last(Instant at, String reason, String detail, String topic) {
    }

    /** Per enterprise, per reason: counts in a ring of hourly buckets, with the hour each bucket holds. */
    private static final class Counts {
        final long[] hourOf = new long[HOURS];
        final long[] count = new long[HOURS];

        void add(long hour) {
            int slot = (int) Math.floorMod(hour, (long) HOURS);
            if (hourOf[slot] != hour) {
                hourOf[slot] = hour;
                count[slot] = 0;
            }
            count[slot]++;
        }

        long since(long firstHour) {
            long sum = 0;
            for (int i = 0; i < HOURS; i++) {
                if (hourOf[i] >= firstHour) {
                    sum += count[i];
                }
            }
            return sum;
        }
    }

    private final Map<String, Map<String, Counts>> counts = new HashMap<>();
    private final Map<String, Last> last = new HashMap<>();

    /** Counts one refused message; {@code enterprise} null = not known. Older than the window: ignored. */
    public void record(String enterprise, String reason, String detail, String mqttTopic, Instant at) {
        String who = enterprise == null || enterprise.isBlank() ? UNKNOWN_ENTERPRISE : enterprise;
        String why = reason == null || reason.isBlank() ? "UNKNOWN" : reason;
        counts.computeIfAbsent(who, e -> new TreeMap<>()).computeIfAbsent(why, r -> new Counts())
                .add(at.toEpochMilli() / HOUR_MS);
        Last before = last.get(who);
        if (before == null || !at.isBefore(before.at())) {
            last.put(who, new Last(at, why, detail, mqttTopic));
        }
    }

    /** Enterprises with refused messages in the window ending at {@code now}, most refusals first. */
    public List<Summary> summary(Instant now) {
        long firstHour = now.minus(WINDOW).toEpochMilli() / HOUR_MS + 1;
        List<Summary> out = new ArrayList<>();
        counts.forEach((enterprise, byReason) -> {
            Map<String, Long> reasons = new TreeMap<>();
            byReason.forEach((reason, c) -> {
                long n = c.since(firstHour);
                if (n > 0) {
                    reasons.put(reason, n);
                }
            });
            long total = reasons.values().stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                Last l = last.get(enterprise);
                out.add(new Summary(enterprise, total, reasons, l.at(), l.reason(), l.detail(), l.topic()));
            }
        });
        out.sort(Comparator.comparingLong(Summary::total).reversed().thenComparing(Summary::enterprise));
        return out;
    }
}
