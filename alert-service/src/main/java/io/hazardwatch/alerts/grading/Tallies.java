package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.risk.RiskState;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily tallies of every enterprise's alarm record: an incident is tallied once it is closed or its feedback
 * arrives (told of committed incidents as an {@link IncidentEngine.Listener}), again whenever what it adds changes;
 * tallies older than {@value #DAYS_KEPT} days are deleted. Runs on the engine's context.
 */
public final class Tallies implements IncidentEngine.Listener {

    /** The longest window a factor looks at, plus a day of margin. */
    public static final int DAYS_KEPT = 91;

    private final ZoneId zone;
    private final KeptWriter writer;
    private final Map<String, TreeMap<LocalDate, DailyTally>> byEnterprise = new HashMap<>();

    public Tallies(ZoneId zone, KeptWriter writer) {
        this.zone = zone;
        this.writer = writer;
    }

    /** Puts back the stored tallies after a start. */
    public void resume(List<DailyTally> stored) {
        stored.forEach(t -> byEnterprise.computeIfAbsent(t.enterprise(), e -> new TreeMap<>()).put(t.day(), t));
    }

    @Override
    public void alarmChanged(Incident incident) {
    }

    @Override
    public void incidentChanged(Incident incident) {
        record(incident);
    }

    @Override
    public void riskChanged(RiskState state) {
    }

    /** Tallies a committed incident if it is closed or answered and what it adds changed; stores the day's tally. */
    public void record(Incident incident) {
        String enterprise = incident.alarm().enterprise();
        if (enterprise == null || SystemAlarms.isSystem(incident.alarm()) || CaseAlarms.isCasework(incident.alarm())
                || (incident.disposal() == null && !answered(incident.feedback()))) {
            return;
        }
        LocalDate day = incident.openedAt().atZone(zone).toLocalDate();
        TreeMap<LocalDate, DailyTally> days = byEnterprise.computeIfAbsent(enterprise, e -> new TreeMap<>());
        DailyTally before = days.getOrDefault(day, DailyTally.empty(enterprise, day));
        DailyTally after = before.with(entryOf(incident));
        if (after != before) {
            days.put(day, after);
            writer.keep(List.of(new Kept(DailyTally.KIND, after.id(), after)));
        }
    }

    static DailyTally.Entry entryOf(Incident incident) {
        Long ack = incident.acknowledged() == null ? null
                : Math.max(0, Duration.between(incident.openedAt(), incident.acknowledged().at()).toSeconds());
        return new DailyTally.Entry(incident.id(), incident.alarm().level() == AlarmLevel.SECOND,
                incident.feedback().cause(), incident.feedback().wasLate(), ack);
    }

    private static boolean answered(Feedback feedback) {
        return feedback.confirmed() != null || feedback.report() != null || feedback.wasLate();
    }

    /** The enterprise's record over the {@code days} days up to and including {@code today}. */
    public History history(String enterprise, LocalDate today, int days) {
        TreeMap<LocalDate, DailyTally> tallies = byEnterprise.get(enterprise);
        History sum = History.NONE;
        if (tallies == null) {
            return sum;
        }
        for (DailyTally tally : tallies.subMap(today.minusDays(days - 1L), true, today, true).values()) {
            for (DailyTally.Entry entry : tally.entries()) {
                sum = sum.plus(entry);
            }
        }
        return sum;
    }

    /** Forgets and deletes the tallies older than {@value #DAYS_KEPT} days before {@code today}. */
    public void sweep(LocalDate today) {
        LocalDate cutoff = today.minusDays(DAYS_KEPT);
        List<String> gone = new ArrayList<>();
        byEnterprise.values().forEach(days -> {
            var old = days.headMap(cutoff, false);
            old.values().forEach(t -> gone.add(Kept.keyOf(DailyTally.KIND, t.id())));
            old.clear();
        });
        if (!gone.isEmpty()) {
            writer.delete(gone);
        }
    }
}
