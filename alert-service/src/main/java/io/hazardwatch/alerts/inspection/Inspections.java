package io.hazardwatch.alerts.inspection;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.AlarmLevel;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inspection tasks the service keeps: the duty room's and grid members' commands, and a periodic check that
 * creates what the record calls for ({@link TaskPlanner}) and escalates overdue tasks as casework incidents
 * ({@link CaseAlarms#INSPECTION_OVERDUE}, level FIRST, cleared once the task is done or cancelled). Every change is
 * kept in the incident store (kind {@value InspectionTask#KIND}); a person's command waits for its commit at most
 * {@code alert.store.command-wait-ms}. Runs on the engine's context.
 */
public final class Inspections {

    private static final Logger LOG = LoggerFactory.getLogger(Inspections.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** What the service around it provides. */
    public record Context(IncidentEngine engine, CommitTracker commits, Map<String, String> enterpriseCells,
                          Function<String, String> gridMemberOf, FindingSink findings, Duration commandWait,
                          ZoneId zone, Clock clock) {
    }

    private final Context ctx;
    private final TaskPlanner planner;
    private final Map<String, InspectionTask> byId = new LinkedHashMap<>();
    /** Tasks whose overdue incident was raised since the start (raised again, idempotently, after a restart). */
    private final Set<String> raised = new HashSet<>();
    /** Tasks whose result is being recorded (findings go out one by one): a second submission waits its turn. */
    private final Set<String> recording = new HashSet<>();

    public Inspections(Context ctx, TaskPlanner planner) {
        this.ctx = ctx;
        this.planner = planner;
    }

    /** Takes the stored tasks back after a start. */
    public void resume(IncidentStore.Snapshot snapshot) {
        snapshot.kept(InspectionTask.KIND, InspectionTask.class).forEach(t -> byId.put(t.id(), t));
        LOG.info("inspection tasks resumed: {} open of {}", byId.values().stream().filter(InspectionTask::isOpen)
                .count(), byId.size());
    }

    public Optional<InspectionTask> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<InspectionTask> all() {
        return byId.values();
    }

    public Instant now() {
        return ctx.clock().instant();
    }

    /** The local time zone of the policy (due dates, task ids). */
    public ZoneId zone() {
        return ctx.zone();
    }

    /** The grid cell of an enterprise in the registry, or null. */
    public String gridCellOf(String enterprise) {
        return ctx.enterpriseCells().get(enterprise);
    }

    // ---- the periodic check -----------------------------------------------------------------------------

    /** Creates the tasks the record calls for, raises overdue ones; nothing until the incidents are loaded. */
    public void check() {
        if (!ctx.engine().ready()) {
            return;
        }
        Instant now = now();
        List<InspectionTask> created = new ArrayList<>();
        for (TaskPlanner.Draft draft : planner.due(ctx.enterpriseCells().keySet(), ctx.engine().book().all(),
                byId.values(), now)) {
            InspectionTask task = newTask(draft.enterprise(), null, draft.kind(), draft.origin(), draft.sensor(),
                    draft.due(), draft.title(), "system", now);
            byId.put(task.id(), task);
            created.add(task);
            LOG.info("inspection task {} ({}) for {} due {}: {}", task.id(), task.kind(), task.enterprise(),
                    task.due(), task.title());
        }
        if (!created.isEmpty()) {
            ctx.commits().keep(kept(created)).onFailure(e -> LOG.warn("inspection tasks not stored yet: {}", e.toString()));
        }
        for (InspectionTask task : List.copyOf(byId.values())) {
            if (task.overdueAt(now) && raised.add(task.id())) {
                ctx.engine().onSystemAlarm(CaseAlarms.raised(task.enterprise(), task.id(), CaseAlarms.INSPECTION_OVERDUE,
                        AlarmLevel.FIRST, task.due(), now), "inspection task " + task.id() + " (" + task.title()
                        + ") was due " + task.due() + (task.assignee() == null ? "" : ", assigned to " + task.assignee()));
            }
        }
    }

    // ---- commands ---------------------------------------------------------------------------------------

    /** A task the duty room creates; without an assignee it goes to the grid member of the enterprise's cell. */
    public Future<InspectionTask> create(String enterprise, String assignee, TaskKind kind, String origin,
                                         Instant due, String title, String who) {
        InspectionTask task;
        try {
            task = newTask(enterprise, assignee, kind, origin, null, due, title, who, now());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        byId.put(task.id(), task);
        LOG.info("inspection task {} ({}) for {} created by {}", task.id(), kind, enterprise, who);
        return keepWithinWait(task);
    }

    /**
     * Records the result: each finding is reported to the hidden-danger register first (in order), then the task is
     * DONE with the findings and the dangers they became, and its overdue incident (if any) is cleared.
     */
    public Future<InspectionTask> record(String id, TaskResult result, String who) {
        InspectionTask task = byId.get(id);
        if (task == null) {
            return Future.failedFuture(new NoSuchElementException("no inspection task " + id));
        }
        if (!task.isOpen() || !recording.add(id)) {
            return Future.failedFuture(new InspectionTask.TaskStateException("task " + id + " is "
                    + (task.isOpen() ? "being recorded already" : task.status())));
        }
        Future<List<Finding>> reported = Future.succeededFuture(new ArrayList<>());
        for (Finding finding : result.findings()) {
            reported = reported.compose(list -> ctx.findings().report(finding, task.enterprise(), task)
                    .map(danger -> {
                        list.add(finding.reportedAs(danger));
                        return list;
                    }));
        }
        return reported.eventually(() -> {
            recording.remove(id);
            return Future.succeededFuture();
        }).compose(findings -> change(id, t -> t.done(result.withFindings(findings), who, now())));
    }

    public Future<InspectionTask> cancel(String id, String reason, String who) {
        return change(id, t -> t.cancel(reason, who, now()));
    }

    public Future<InspectionTask> assign(String id, String assignee, Instant due, String who) {
        return change(id, t -> t.assign(assignee, due, who, now()));
    }

    private Future<InspectionTask> change(String id, Function<InspectionTask, InspectionTask> how) {
        InspectionTask before = byId.get(id);
        if (before == null) {
            return Future.failedFuture(new NoSuchElementException("no inspection task " + id));
        }
        InspectionTask after;
        try {
            after = how.apply(before);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        byId.put(id, after);
        InspectionTask.Event last = after.history().get(after.history().size() - 1);
        LOG.info("inspection task {} {} by {}", id, last.what(), last.who());
        if (!after.isOpen() && after.closedAt().isAfter(after.due())) {
            raised.remove(id);
            ctx.engine().onSystemAlarm(CaseAlarms.cleared(after.enterprise(), id, CaseAlarms.INSPECTION_OVERDUE,
                    after.due(), now()), "inspection task " + id + " " + after.status());
        }
        return keepWithinWait(after);
    }

    private InspectionTask newTask(String enterprise, String assignee, TaskKind kind, String origin, String sensor,
                                   Instant due, String title, String who, Instant now) {
        String cell = enterprise == null ? null : gridCellOf(enterprise);
        String to = assignee != null && !assignee.isBlank() ? assignee : cell == null ? null : ctx.gridMemberOf().apply(cell);
        return InspectionTask.open(nextId(now), enterprise, cell, to, kind, origin, sensor, due,
                title == null || title.isBlank() ? kind.name().toLowerCase().replace('_', ' ') : title, who, now);
    }

    /** {@code task-<yyyymmdd>-<n>}: readable, the n-th task created that day (local time). */
    private String nextId(Instant now) {
        String prefix = "task-" + LocalDate.ofInstant(now, ctx.zone()).format(DAY) + "-";
        int n = 1;
        for (String id : byId.keySet()) {
            if (id.startsWith(prefix)) {
                try {
                    n = Math.max(n, Integer.parseInt(id.substring(prefix.length())) + 1);
                } catch (NumberFormatException ignored) {
                    // an id of another shape: not in the sequence
                }
            }
        }
        return prefix + n;
    }

    private Future<InspectionTask> keepWithinWait(InspectionTask task) {
        return ctx.commits().within(ctx.commits().keep(kept(List.of(task))), ctx.commandWait()).map(v -> task);
    }

    private static List<Kept> kept(List<InspectionTask> tasks) {
        return tasks.stream().map(t -> new Kept(InspectionTask.KIND, t.id(), t)).toList();
    }
}
