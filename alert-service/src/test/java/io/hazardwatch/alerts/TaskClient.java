package io.hazardwatch.alerts;

import io.hazardwatch.alerts.inspection.Finding;
import io.hazardwatch.alerts.inspection.FindingSink;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The inspection-task API as the tests call it (every user's password {@link TestFiles#PASSWORD}). */
final class TaskClient {

    /** A finding as the register received it. */
    record Reported(Finding finding, String enterprise, String taskId) {
    }

    /**
     * The hidden-danger register as the tests see it: records each finding, answers {@code danger-<n>}; refuses a
     * finding whose title starts with {@value #REFUSED}.
     */
    static final class RecordingSink implements FindingSink {
        static final String REFUSED = "refused:";
        final List<Reported> reported = new CopyOnWriteArrayList<>();

        @Override
        public Future<String> report(Finding finding, String enterprise, InspectionTask task) {
            if (finding.title().startsWith(REFUSED)) {
                return Future.failedFuture(new IllegalStateException("register unavailable"));
            }
            reported.add(new Reported(finding, enterprise, task.id()));
            return Future.succeededFuture("danger-" + reported.size());
        }
    }

    private final WebClient web;
    private final int port;

    TaskClient(WebClient web, int port) {
        this.web = web;
        this.port = port;
    }

    HttpResponse<Buffer> request(HttpMethod method, String user, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.request(method, port, "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }

    HttpResponse<Buffer> get(String user, String path) {
        return request(HttpMethod.GET, user, path, null);
    }

    HttpResponse<Buffer> post(String user, String path, JsonObject body) {
        return request(HttpMethod.POST, user, path, body);
    }

    /** The duty officer creates a task for {@code enterprise} assigned to {@code assignee}; its id. */
    String create(String enterprise, String assignee, String due) {
        HttpResponse<Buffer> created = post("duty", "/api/tasks", new JsonObject().put("enterprise", enterprise)
                .put("assignee", assignee).put("due", due).put("kind", "FROM_DANGER").put("origin", "danger-7")
                .put("title", "check the tank farm"));
        if (created.statusCode() != 201) {
            throw new AssertionError("task not created: " + created.statusCode() + " " + created.bodyAsString());
        }
        return created.bodyAsJsonObject().getJsonObject("task").getString("id");
    }

    static JsonObject result(JsonObject... findings) {
        return new JsonObject().put("date", "2026-12-06").put("notes", "valves, detectors and logs checked")
                .put("findings", new JsonArray(List.of((Object[]) findings)));
    }

    static JsonObject finding(String title, String severity, String unit) {
        return new JsonObject().put("title", title).put("severity", severity).put("unit", unit);
    }
}
