package io.hazardwatch.alerts.risk;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.grading.EnterpriseGrade;
import io.hazardwatch.alerts.grading.Grading;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current risk state of every enterprise: its grade ({@link Grading}: its record, casework and active alarms)
 * and its place on the watch and priority lists, kept so that only a change is told. Re-evaluated on every
 * committed change of the enterprise and {@link #due periodically} (windows roll, deadlines pass). One context.
 */
public final class EnterpriseRisk {

    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseRisk.class);
    /** How often every enterprise is graded again. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    private final Grading grading;
    private final Map<String, String> enterpriseCells;
    private final Map<String, RiskState> states = new TreeMap<>();
    private final Map<String, EnterpriseGrade> grades = new TreeMap<>();
    private Instant lastRound;

    /** @param enterpriseCells the grid cell of each enterprise of the registry (each gets a state at start) */
    public EnterpriseRisk(Grading grading, Map<String, String> enterpriseCells) {
        this.grading = grading;
        this.enterpriseCells = Map.copyOf(enterpriseCells);
    }

    /**
     * Grades {@code enterprise} again (its alarms among {@code allActive}, system alarms left out by the caller;
     * casework alarms count through the casework's facts, not as alarms) and moves it on or off the lists; its new
     * state if it differs from the one before (a first evaluation is no change).
     */
    public Optional<RiskState> reassess(String enterprise, Collection<ActiveAlarm> allActive) {
        List<ActiveAlarm> active = allActive.stream()
                .filter(a -> enterprise.equals(a.enterprise()) && !CaseAlarms.isCasework(a)).toList();
        String cell = enterpriseCells.getOrDefault(enterprise, active.isEmpty() ? null : active.get(0).gridCell());
        EnterpriseGrade grade = grading.grade(enterprise, cell, active);
        grades.put(enterprise, grade);
        grading.listings().update(grade);
        RiskState state = new RiskState(enterprise, cell, grade.colour(), grading.listings().onWatchList(enterprise),
                grading.listings().onPriorityList(enterprise), grade.activeAlarms(), grade.secondLevelAlarms(),
                grade.score());
        RiskState before = states.put(enterprise, state);
        if (before == null || before.equals(state)) {
            return Optional.empty();
        }
        if (before.colour() != state.colour()) {
            LOG.info("enterprise {} grade {} -> {} (score {}): {}", enterprise, before.colour(), state.colour(),
                    grade.score(), grade.why());
        }
        return Optional.of(state);
    }

    /** Whether every enterprise is due to be graded again (once per {@link #EVERY}); sweeps old tallies then. */
    public boolean due(Instant now) {
        if (lastRound != null && now.isBefore(lastRound.plus(EVERY))) {
            return false;
        }
        lastRound = now;
        grading.sweep();
        return true;
    }

    /** The enterprises of the registry. */
    public Set<String> enterprises() {
        return enterpriseCells.keySet();
    }

    /** The grid cell of an enterprise in the registry, or null if it is not known. */
    public String gridCellOf(String enterprise) {
        return enterpriseCells.get(enterprise);
    }

    public Collection<RiskState> states() {
        return states.values();
    }

    /** The newest grade of each enterprise graded so far. */
    public Collection<EnterpriseGrade> grades() {
        return grades.values();
    }

    public Optional<EnterpriseGrade> grade(String enterprise) {
        return Optional.ofNullable(grades.get(enterprise));
    }

    public Grading grading() {
        return grading;
    }
}
