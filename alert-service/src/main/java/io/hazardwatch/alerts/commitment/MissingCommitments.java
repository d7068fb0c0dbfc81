package io.hazardwatch.alerts.commitment;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Escalates a commitment missing past its deadline: a {@link CaseAlarms#COMMITMENT_MISSING} incident (level FIRST) of
 * the enterprise, episode = the day's deadline, so that it goes through the normal machinery (board, store,
 * escalation along the grid). Cleared when the commitment is made, or when its day is over. Checked periodically:
 * raised once per enterprise and day; after a restart the same key and episode name the same incident.
 */
public final class MissingCommitments {

    private static final String CASE_PREFIX = "commitment-";

    private final CommitmentBook book;
    private final IncidentEngine engine;
    private final Clock clock;
    /** The (enterprise, day) raised since this start: not offered to the engine again. */
    private final Set<String> raised = new HashSet<>();

    public MissingCommitments(CommitmentBook book, IncidentEngine engine, Clock clock) {
        this.book = book;
        this.engine = engine;
        this.clock = clock;
    }

    /** The case id of an enterprise's commitment of {@code date} (the sensor of its casework alarm). */
    public static String caseIdOf(LocalDate date) {
        return CASE_PREFIX + date;
    }

    /** Raises what is missing now, clears what was made or whose day is over. */
    public void check() {
        if (!engine.ready()) {
            return;
        }
        CommitmentRules rules = book.rules();
        Instant now = clock.instant();
        LocalDate today = rules.today(now);
        for (Site site : rules.sites()) {
            if (book.entry(site, today).status() == CommitmentStatus.MISSING
                    && raised.add(site.enterprise() + "/" + today)) {
                Instant deadline = rules.deadline(today);
                engine.onSystemAlarm(CaseAlarms.raised(site.enterprise(), caseIdOf(today),
                        CaseAlarms.COMMITMENT_MISSING, AlarmLevel.FIRST, deadline, now),
                        "安全承诺未提交 daily safety commitment missing: " + site.enterprise() + " has not declared the"
                                + " state of its units for " + today + " by " + rules.deadline(today).atZone(rules.zone())
                                .toLocalTime() + " (" + rules.zone() + ")");
            }
        }
        for (Incident incident : engine.book().active()) {
            ActiveAlarm alarm = incident.alarm();
            Optional<LocalDate> day = dayOf(alarm);
            if (day.isEmpty()) {
                continue;
            }
            Optional<SafetyCommitment> made = book.get(alarm.enterprise(), day.get());
            if (made.isPresent() || day.get().isBefore(today)) {
                engine.onSystemAlarm(CaseAlarms.cleared(alarm.enterprise(), caseIdOf(day.get()),
                        CaseAlarms.COMMITMENT_MISSING, alarm.raisedAt(), now), made.isPresent()
                        ? "安全承诺已提交 commitment made by " + made.get().submittedBy() + " at " + made.get().submittedAt()
                        : "承诺日已结束 the day " + day.get() + " ended without a commitment");
            }
        }
    }

    /** The day of a COMMITMENT_MISSING casework alarm; empty for any other alarm. */
    static Optional<LocalDate> dayOf(ActiveAlarm alarm) {
        if (!CaseAlarms.isCasework(alarm) || !CaseAlarms.COMMITMENT_MISSING.equals(alarm.alarmType())
                || alarm.sensor() == null || !alarm.sensor().startsWith(CASE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(alarm.sensor().substring(CASE_PREFIX.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
