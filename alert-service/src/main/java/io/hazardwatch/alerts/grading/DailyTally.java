package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.incident.Cause;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one enterprise's alarms of one day (the day the incident opened, in the policy's time zone) add to its
 * record, kept beside the incidents (kind {@value #KIND}, id {@code <enterprise>/<yyyy-mm-dd>}) so the 90-day
 * factors outlive the incidents' retention. One entry per incident, replaced by incident id: a change told twice
 * (a restart, a redelivery) is never counted twice. At most {@value #ENTRIES_KEPT} entries a day; incidents beyond
 * are counted in {@code uncounted} only (far beyond any real day, and the record stays well under 1 MB).
 */
public record DailyTally(String enterprise, LocalDate day, List<Entry> entries, int uncounted) {

    public static final String KIND = "tally";
    public static final int ENTRIES_KEPT = 1000;

    /**
     * @param cause       the enterprise's reported cause; null while not reported
     * @param late        feedback came late or not at all
     * @param ackSeconds  from opening to acknowledgement; null while not acknowledged
     */
    public record Entry(String incident, boolean secondLevel, Cause cause, boolean late, Long ackSeconds) {
    }

    public DailyTally {
        entries = List.copyOf(entries);
    }

    public static DailyTally empty(String enterprise, LocalDate day) {
        return new DailyTally(enterprise, day, List.of(), 0);
    }

    public static String idOf(String enterprise, LocalDate day) {
        return enterprise + "/" + day;
    }

    public String id() {
        return idOf(enterprise, day);
    }

    /** This tally with {@code entry} added or put in place of the one of its incident; this same one if unchanged. */
    public DailyTally with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).incident().equals(entry.incident())) {
                if (next.get(i).equals(entry)) {
                    return this;
                }
                next.set(i, entry);
                return new DailyTally(enterprise, day, next, uncounted);
            }
        }
        if (next.size() >= ENTRIES_KEPT) {
            return new DailyTally(enterprise, day, next, uncounted + 1);
        }
        next.add(entry);
        return new DailyTally(enterprise, day, next, uncounted);
    }
}
