package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.incident.LifecycleException;
import io.hazardwatch.alerts.inspection.Finding;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.alerts.inspection.Inspections;
import io.hazardwatch.alerts.inspection.TaskKind;
import io.hazardwatch.alerts.inspection.TaskResult;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Inspection tasks: {@code GET /api/tasks}, {@code POST /api/tasks}, {@code GET /api/tasks/{id}},
 * {@code POST /api/tasks/{id}/result|cancel|assign}. Each handler reads: who is asking → may they → do it → answer;
 * refusals 403, unknown ids 404, bad input 400 naming the field, a change the task's state does not allow 409.
 */
public final class InspectionApi {

    private static final int DEFAULT_LIMIT = 500;

    /**
     * A task as a user sees it, with what the server decided for them: whether it is overdue, assigned to them,
     * and whether they may record its result or manage it.
     */
    record TaskView(InspectionTask task, boolean overdue, boolean mine, boolean mayWork, boolean mayManage) {
    }

    private final Inspections inspections;
    private final BooleanSupplier ready;

    public InspectionApi(Inspections inspections, BooleanSupplier ready) {
        this.inspections = inspections;
        this.ready = ready;
    }

    void routes(Router router) {
        router.route("/api/tasks*").handler(this::requireReady);
        router.get("/api/tasks").handler(this::listTasks);
        router.post("/api/tasks").handler(this::createTask);
        router.get("/api/tasks/:id").handler(ctx -> withVisible(ctx, task -> Responses.json(ctx.response(), 200,
                view(BasicAuth.user(ctx), task))));
        router.post("/api/tasks/:id/result").handler(ctx -> work(ctx, (user, task) -> inspections.record(task.id(),
                resultFrom(body(ctx), user), user.username())));
        router.post("/api/tasks/:id/cancel").handler(ctx -> manage(ctx, (user, task) -> inspections.cancel(task.id(),
                body(ctx).getString("reason"), user.username())));
        router.post("/api/tasks/:id/assign").handler(ctx -> manage(ctx, (user, task) -> {
            JsonObject body = body(ctx);
            String due = body.getString("due");
            return inspections.assign(task.id(), body.getString("assignee"), due == null ? null : dueOf(due, "due"),
                    user.username());
        }));
    }

    private void requireReady(RoutingContext ctx) {
        if (ready.getAsBoolean()) {
            ctx.next();
        } else {
            Responses.error(ctx.response(), 503, "starting", "tasks are still being loaded; try again shortly");
        }
    }

    /** The user's own tasks first (open ones by due date), then the rest they may see; closed ones last, newest first. */
    private void listTasks(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        String assignee = ctx.queryParams().get("assignee");
        String who = "me".equals(assignee) ? user.username() : assignee;
        Predicate<InspectionTask> filter = t -> Access.maySeeTask(user, t.enterprise(), t.gridCell());
        filter = filter.and(t -> who == null || who.isBlank() || who.equals(t.assignee()));
        filter = filter.and(anyOf(ctx.queryParams().get("status"), t -> t.status().name()));
        filter = filter.and(anyOf(ctx.queryParams().get("enterprise"), InspectionTask::enterprise));
        Comparator<TaskView> order = Comparator.comparing((TaskView v) -> !v.mine())
                .thenComparing(v -> !v.task().isOpen())
                .thenComparingLong(v -> v.task().isOpen() ? v.task().due().toEpochMilli()
                        : -v.task().closedAt().toEpochMilli())
                .thenComparing(v -> v.task().id());
        Responses.json(ctx.response(), 200, inspections.all().stream().filter(filter).map(t -> view(user, t))
                .sorted(order).limit(DEFAULT_LIMIT).toList());
    }

    private void createTask(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        if (!Access.mayManageTasks(user)) {
            forbid(ctx, user, "create inspection tasks");
            return;
        }
        Future<InspectionTask> created;
        try {
            JsonObject body = body(ctx);
            String enterprise = required(body, "enterprise");
            if (inspections.gridCellOf(enterprise) == null) {
                throw new IllegalArgumentException("enterprise: '" + enterprise + "' is not in the registry");
            }
            String kind = body.getString("kind");
            created = inspections.create(enterprise, body.getString("assignee"),
                    kind == null ? TaskKind.SCHEDULED : enumOf(TaskKind.class, kind, "kind"), body.getString("origin"),
                    dueOf(required(body, "due"), "due"), body.getString("title"), user.username());
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        answer(ctx, 201, created.map(t -> view(user, t)));
    }

    /** Record a result: grid staff of the task's cell and the duty room. */
    private void work(RoutingContext ctx, BiFunction<User, InspectionTask, Future<InspectionTask>> command) {
        withVisible(ctx, task -> {
            User user = BasicAuth.user(ctx);
            if (!Access.mayWorkTask(user, task.gridCell())) {
                forbid(ctx, user, "record results of inspection tasks in grid cell " + task.gridCell());
                return;
            }
            run(ctx, user, task, command);
        });
    }

    /** Cancel, assign: the duty room. */
    private void manage(RoutingContext ctx, BiFunction<User, InspectionTask, Future<InspectionTask>> command) {
        withVisible(ctx, task -> {
            User user = BasicAuth.user(ctx);
            if (!Access.mayManageTasks(user)) {
                forbid(ctx, user, "cancel or assign inspection tasks");
                return;
            }
            run(ctx, user, task, command);
        });
    }

    private void run(RoutingContext ctx, User user, InspectionTask task,
                     BiFunction<User, InspectionTask, Future<InspectionTask>> command) {
        Future<InspectionTask> done;
        try {
            done = command.apply(user, task);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        answer(ctx, 200, done.map(t -> view(user, t)));
    }

    private void withVisible(RoutingContext ctx, java.util.function.Consumer<InspectionTask> then) {
        User user = BasicAuth.user(ctx);
        InspectionTask task = inspections.get(ctx.pathParam("id")).orElse(null);
        if (task == null) {
            Responses.error(ctx.response(), 404, "not_found", "no inspection task " + ctx.pathParam("id"));
        } else if (!Access.maySeeTask(user, task.enterprise(), task.gridCell())) {
            forbid(ctx, user, "see inspection tasks of enterprise " + task.enterprise());
        } else {
            then.accept(task);
        }
    }

    private TaskView view(User user, InspectionTask task) {
        return new TaskView(task, task.overdueAt(inspections.now()), user.username().equals(task.assignee()),
                task.isOpen() && Access.mayWorkTask(user, task.gridCell()), task.isOpen() && Access.mayManageTasks(user));
    }

    private TaskResult resultFrom(JsonObject body, User user) {
        String date = body.getString("date");
        LocalDate day;
        try {
            day = date == null ? LocalDate.ofInstant(inspections.now(), inspections.zone()) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date: not a date (yyyy-mm-dd): " + date);
        }
        JsonArray raw = body.getJsonArray("findings", new JsonArray());
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            JsonObject f = raw.getJsonObject(i);
            String severity = f.getString("severity");
            if (severity == null) {
                throw new IllegalArgumentException("findings[" + i + "].severity is required (GENERAL or MAJOR)");
            }
            findings.add(new Finding(f.getString("title"), enumOf(io.hazardwatch.alerts.danger.Severity.class, severity,
                    "findings[" + i + "].severity"), f.getString("unit"), null));
        }
        return new TaskResult(day, user.username(), body.getString("notes"), findings);
    }

    /** An instant, or a date meaning the end of that day (local time). */
    private Instant dueOf(String text, String field) {
        try {
            return text.contains("T") ? Instant.parse(text)
                    : LocalDate.parse(text).plusDays(1).atStartOfDay(inspections.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not a date (yyyy-mm-dd) or an instant: " + text);
        }
    }

    private static String required(JsonObject body, String field) {
        String value = body.getString(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": one of " + Arrays.toString(type.getEnumConstants())
                    + " (got " + value + ")");
        }
    }

    /** As the incidents' answers (404, 400, 503); a change the task's state does not allow is 409 too. */
    private static void answer(RoutingContext ctx, int status, Future<?> result) {
        IncidentApi.answer(ctx, status, result.recover(e -> Future.failedFuture(
                e instanceof InspectionTask.TaskStateException ? new LifecycleException(e.getMessage()) : e)));
    }

    private static void forbid(RoutingContext ctx, User user, String what) {
        IncidentApi.forbid(ctx, user, what);
    }

    private static JsonObject body(RoutingContext ctx) {
        return IncidentApi.body(ctx);
    }

    private static Predicate<InspectionTask> anyOf(String value, java.util.function.Function<InspectionTask, String> f) {
        if (value == null || value.isBlank()) {
            return t -> true;
        }
        List<String> values = Arrays.asList(value.split(","));
        return t -> values.contains(f.apply(t));
    }
}
