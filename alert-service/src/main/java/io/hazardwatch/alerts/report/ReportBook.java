package io.hazardwatch.alerts.report;

import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.alerts.store.Kept;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty reports: computed on demand from the books, and kept (kind {@value DutyReport#KIND}, id
 * {@code daily/<date>}, {@code weekly/<week>}) when generated on schedule: the previous day's at {@code dailyAt} in
 * the park's time zone (on Mondays the previous week's too), again if the kept one was generated before its day
 * ended. A period that began before the incidents' retention is answered only from a kept report. Kept reports older
 * than {@value #KEPT_DAYS} days are deleted. Runs on the engine's context.
 */
public final class ReportBook {

    /** How long a kept report stays. */
    public static final int KEPT_DAYS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(ReportBook.class);

    /** The books a report is computed from (their public methods). */
    public record Sources(Supplier<Collection<Incident>> incidents, Supplier<Collection<HiddenDanger>> dangers,
                          Supplier<Collection<InspectionTask>> tasks) {
    }

    /** A kept report in the list: which period, when generated, whether its period had ended then. */
    public record Summary(String id, String kind, String period, Instant generatedAt, boolean complete) {
    }

    private final ZoneId zone;
    private final LocalTime dailyAt;
    private final Duration retention;
    private final Sources sources;
    private final Function<List<Kept>, Future<Void>> store;
    private final Consumer<List<String>> delete;
    private final Clock clock;
    private final Map<String, DutyReport> kept = new TreeMap<>();
    private final Set<String> generating = new HashSet<>();

    public ReportBook(ZoneId zone, LocalTime dailyAt, Duration retention, Sources sources,
                      Function<List<Kept>, Future<Void>> store, Consumer<List<String>> delete, Clock clock) {
        this.zone = zone;
        this.dailyAt = dailyAt;
        this.retention = retention;
        this.sources = sources;
        this.store = store;
        this.delete = delete;
        this.clock = clock;
    }

    public void resume(Collection<DutyReport> stored) {
        stored.forEach(r -> kept.put(r.id(), r));
    }

    /** Checks the schedule every {@code every}; generates today's report so far once after {@code demoAfter} (0: never). */
    public void startChecking(Vertx vertx, Duration every, Duration demoAfter) {
        vertx.setPeriodic(every.toMillis(), id -> check());
        if (!demoAfter.isZero()) {
            vertx.setTimer(demoAfter.toMillis(), id -> generate(ReportPeriod.day(today(), zone)));
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /**
     * The report of {@code period}: computed now while its incidents are within the retention, else the kept one
     * (empty if none was kept). A period that has not begun is refused (IllegalArgumentException).
     */
    public Optional<DutyReport> report(ReportPeriod period, String field) {
        Instant now = clock.instant();
        if (!period.from().isBefore(now)) {
            throw new IllegalArgumentException(field + ": " + period.label() + " has not begun in " + zone);
        }
        if (period.from().isBefore(now.minus(retention))) {
            return Optional.ofNullable(kept.get(period.id()));
        }
        return Optional.of(compute(period, now));
    }

    public Optional<DutyReport> kept(String id) {
        return Optional.ofNullable(kept.get(id));
    }

    /** The kept reports, newest period first. */
    public List<Summary> list() {
        return kept.values().stream().sorted(Comparator.comparing(DutyReport::from).reversed()
                        .thenComparing(DutyReport::kind))
                .map(r -> new Summary(r.id(), r.kind(), r.period(), r.generatedAt(), r.complete())).toList();
    }

    /** Computes {@code period}'s report now and keeps it (replacing a kept one); completes once it is stored. */
    public Future<DutyReport> generate(ReportPeriod period) {
        if (!generating.add(period.id())) {
            return Future.failedFuture(new IllegalStateException("report " + period.id() + " is being generated"));
        }
        DutyReport report = compute(period, clock.instant());
        return store.apply(List.of(new Kept(DutyReport.KIND, report.id(), report))).map(v -> {
            kept.put(report.id(), report);
            LOG.info("duty report {} generated and kept: {} alarms", report.id(), report.alarms().total());
            return report;
        }).onFailure(e -> LOG.error("duty report {} not stored: {}", report.id(), e.toString()))
                .onComplete(r -> generating.remove(period.id()));
    }

    /** Generates what the schedule says is due now; deletes kept reports past {@value #KEPT_DAYS} days. */
    public void check() {
        due(clock.instant()).forEach(this::generate);
        LocalDate cutoff = today().minusDays(KEPT_DAYS);
        List<String> old = kept.values().stream().filter(r -> r.lastDay().isBefore(cutoff)).map(DutyReport::id).toList();
        if (!old.isEmpty()) {
            old.forEach(kept::remove);
            delete.accept(old.stream().map(id -> Kept.keyOf(DutyReport.KIND, id)).toList());
        }
    }

    /**
     * The periods whose report is due at {@code now}: from {@code dailyAt} on, yesterday's (and on Mondays last
     * week's) unless a complete one is kept or being generated.
     */
    public List<ReportPeriod> due(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (local.toLocalTime().isBefore(dailyAt)) {
            return List.of();
        }
        LocalDate yesterday = local.toLocalDate().minusDays(1);
        List<ReportPeriod> due = new ArrayList<>();
        due.add(ReportPeriod.day(yesterday, zone));
        if (local.getDayOfWeek() == DayOfWeek.MONDAY) {
            due.add(ReportPeriod.weekOf(yesterday, zone));
        }
        return due.stream().filter(p -> !generating.contains(p.id())
                && (kept.get(p.id()) == null || !kept.get(p.id()).complete())).toList();
    }

    private DutyReport compute(ReportPeriod period, Instant now) {
        return ReportFigures.compute(period, zone, sources.incidents().get(), sources.dangers().get(),
                sources.tasks().get(), now);
    }
}
