package io.hazardwatch.alerts.danger;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden-danger register's named steps: report a danger → move it along its lifecycle → (periodically) mark the
 * overdue ones and escalate them as casework incidents → create dangers from the real-alarm pattern. Each change is
 * kept in the incident store beside the incidents; a person's command is answered once it is committed (within the
 * store's command wait). Who may do what is decided before, by the API ({@code auth.Access}). One Vert.x context.
 */
public final class DangerRegister {

    private static final Logger LOG = LoggerFactory.getLogger(DangerRegister.class);

    /** What a person reports (the fields of a new danger they write). */
    public record NewDanger(String enterprise, String unit, String title, String description, Severity severity,
                            DangerSource source, List<String> incidentIds, String taskId, String measures,
                            Instant deadline, String responsible) {
    }

    private final Dangers dangers;
    private final Function<List<Kept>, Future<Void>> store;
    private final BiConsumer<AlarmEvent, String> caseAlarms;
    private final Supplier<Collection<Incident>> incidents;
    private final Function<String, String> gridCellOf;
    private final AlarmPatterns patterns;
    private final ZoneId zone;
    private final InstantSource clock;
    /** Dangers whose overdue incident was raised, or cleared, since this instance started (raised once per run). */
    private final Set<String> raised = new HashSet<>();
    private final Set<String> cleared = new HashSet<>();
    private boolean checking;

    /**
     * @param store      keeps changed dangers; completes once committed (a person's wait bounded by the caller)
     * @param caseAlarms raises and clears casework incidents ({@code IncidentEngine::onSystemAlarm})
     * @param incidents  the incidents known now (for the alarm pattern)
     * @param gridCellOf the grid cell of an enterprise in the registry, or null
     */
    public DangerRegister(Dangers dangers, Function<List<Kept>, Future<Void>> store,
                          BiConsumer<AlarmEvent, String> caseAlarms, Supplier<Collection<Incident>> incidents,
                          Function<String, String> gridCellOf, AlarmPatterns patterns, ZoneId zone, InstantSource clock) {
        this.dangers = dangers;
        this.store = store;
        this.caseAlarms = caseAlarms;
        this.incidents = incidents;
        this.gridCellOf = gridCellOf;
        this.patterns = patterns;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Checks every {@code every} on the caller's context (the service's: a timer of its verticle, cancelled with it),
     * once; called after the resume, so the first check finds the engine ready.
     */
    public void startChecking(io.vertx.core.Vertx vertx, java.time.Duration every) {
        if (checking) {
            return;
        }
        checking = true;
        vertx.setPeriodic(every.toMillis(), id -> check());
    }

    /** Puts back the dangers read from the store after a start. */
    public void resume(Collection<HiddenDanger> stored) {
        stored.forEach(dangers::put);
        LOG.info("hidden dangers resumed: {}", dangers.size());
    }

    public Collection<HiddenDanger> all() {
        return dangers.all();
    }

    public java.util.Optional<HiddenDanger> get(String id) {
        return dangers.get(id);
    }

    public Instant now() {
        return clock.instant();
    }

    public String gridCellOf(String enterprise) {
        return enterprise == null ? null : gridCellOf.apply(enterprise);
    }

    // ---- step: a person reports a danger -------------------------------------------------------------------

    public Future<HiddenDanger> report(NewDanger request, String who) {
        HiddenDanger danger;
        try {
            Instant now = clock.instant();
            danger = HiddenDanger.report(dangers.nextId(LocalDate.ofInstant(now, zone)), request.enterprise(),
                    gridCellOf(request.enterprise()), request.unit(), request.title(), request.description(),
                    request.severity(), request.source(), request.incidentIds(), request.taskId(), null,
                    request.measures(), request.deadline(), request.responsible(), who, now);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        dangers.put(danger);
        LOG.info("hidden danger {} reported for {} by {}: {} {}", danger.id(), danger.enterprise(), who,
                danger.severity(), danger.title());
        return keep(danger);
    }

    // ---- step: a person moves a danger along its lifecycle ----------------------------------------------------

    /** Applies a move ({@link HiddenDanger}'s methods) to the danger {@code id}; clears its overdue incident once done. */
    public Future<HiddenDanger> change(String id, UnaryOperator<HiddenDanger> move) {
        HiddenDanger before = dangers.get(id).orElse(null);
        if (before == null) {
            return Future.failedFuture(new NoSuchElementException("no hidden danger " + id));
        }
        HiddenDanger after;
        try {
            after = move.apply(before);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        dangers.put(after);
        HiddenDanger.Change last = after.history().get(after.history().size() - 1);
        LOG.info("hidden danger {} {} by {}", id, last.action(), last.by());
        if (after.status().done() && !before.status().done()) {
            clearOverdue(after);
        }
        return keep(after);
    }

    // ---- step: time passes (overdue, the alarm pattern) -----------------------------------------------------

    /** Marks overdue dangers and raises their casework incidents; creates dangers from the real-alarm pattern. */
    public void check() {
        Instant now = clock.instant();
        List<Kept> changed = new ArrayList<>();
        for (HiddenDanger danger : List.copyOf(dangers.all())) {
            HiddenDanger next = danger.checkOverdue(now);
            if (next != danger) {
                dangers.put(next);
                changed.add(kept(next));
                LOG.info("hidden danger {} of {} is overdue: deadline {} passed in status {}", next.id(),
                        next.enterprise(), next.deadline(), next.status());
            }
            if (next.overdueNow() && raised.add(next.id())) {
                caseAlarms.accept(CaseAlarms.raised(next.enterprise(), next.id(), CaseAlarms.DANGER_OVERDUE,
                        next.severity() == Severity.MAJOR ? AlarmLevel.SECOND : AlarmLevel.FIRST, next.overdueSince(),
                        now), "hidden danger " + next.id() + " (" + next.severity() + ", " + next.title()
                        + ") not rectified by its deadline " + next.deadline());
            } else if (next.status().done() && next.overdueSince() != null && !cleared.contains(next.id())) {
                // after a restart: a clear lost with the old instance is sent again (the engine ignores a repeat)
                clearOverdue(next);
            }
        }
        changed.addAll(fromPattern(now));
        if (!changed.isEmpty()) {
            store.apply(changed).onFailure(e -> LOG.warn("hidden dangers changed by the periodic check not stored "
                    + "yet: {}", e.toString()));
        }
    }

    private List<Kept> fromPattern(Instant now) {
        Set<String> linked = new HashSet<>();
        Set<String> openSensors = new HashSet<>();
        for (HiddenDanger d : dangers.all()) {
            if (d.source() == DangerSource.ALARM_PATTERN) {
                linked.addAll(d.incidentIds());
                if (!d.status().done()) {
                    openSensors.add(d.sensor());
                }
            }
        }
        AlarmPatterns.RealAlarms rule = patterns.realAlarms();
        List<Kept> created = new ArrayList<>();
        for (RealAlarmPattern.Match match : new RealAlarmPattern(rule).find(incidents.get(), linked, openSensors, now)) {
            HiddenDanger danger = HiddenDanger.report(dangers.nextId(LocalDate.ofInstant(now, zone)),
                    match.enterprise(), gridCellOf(match.enterprise()), null,
                    "重复真实泄漏报警 / repeated real releases: " + match.device() + "/" + match.sensorId(),
                    match.incidentIds().size() + " real-release alarms of sensor " + match.sensor() + " within "
                            + rule.window() + " (at least " + rule.count() + ")",
                    rule.severity(), DangerSource.ALARM_PATTERN, match.incidentIds(), null, match.sensor(), null,
                    now.plus(rule.deadlineDays(), ChronoUnit.DAYS), null, HiddenDanger.SYSTEM, now);
            dangers.put(danger);
            created.add(kept(danger));
            LOG.info("hidden danger {} created from the real-alarm pattern of sensor {}: incidents {}", danger.id(),
                    match.sensor(), match.incidentIds());
        }
        return created;
    }

    private void clearOverdue(HiddenDanger danger) {
        if (danger.overdueSince() == null) {
            return;
        }
        cleared.add(danger.id());
        raised.remove(danger.id());
        caseAlarms.accept(CaseAlarms.cleared(danger.enterprise(), danger.id(), CaseAlarms.DANGER_OVERDUE,
                danger.overdueSince(), clock.instant()), "hidden danger " + danger.id() + " " + danger.status());
    }

    private Future<HiddenDanger> keep(HiddenDanger danger) {
        return store.apply(List.of(kept(danger))).map(v -> danger);
    }

    private static Kept kept(HiddenDanger danger) {
        return new Kept(HiddenDanger.KIND, danger.id(), danger);
    }
}
