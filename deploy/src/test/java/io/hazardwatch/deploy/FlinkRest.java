package io.hazardwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a test asks a Flink session cluster's REST API (the JobManager's): jobs, their tasks, checkpoints, TaskManagers. */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    FlinkRest(String base) {
        this.base = base;
    }

    /** Job name → job id of the jobs the cluster runs now. */
    Map<String, String> jobIdsByName() {
        Map<String, String> ids = new HashMap<>();
        get("/jobs/overview").ifPresent(o -> o.path("jobs").forEach(j -> ids.put(j.path("name").asText(), j.path("jid").asText())));
        return ids;
    }

    /** The job's state (RUNNING, RESTARTING, ...), empty while the JobManager does not know it (yet). */
    Optional<String> state(String jobId) {
        return get("/jobs/" + jobId).map(j -> j.path("state").asText());
    }

    /** True when the job is RUNNING and so is every one of its tasks (deployed, not merely scheduled). */
    boolean allTasksRunning(String jobId) {
        Optional<JsonNode> job = get("/jobs/" + jobId);
        if (job.isEmpty() || !"RUNNING".equals(job.get().path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.get().path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Completed checkpoints of the job so far (0 when unknown). */
    long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(c -> c.path("counts").path("completed").asLong()).orElse(0L);
    }

    /** When the job was last restored from a checkpoint (epoch ms), empty if it never was. */
    Optional<Long> restoredAt(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(c -> c.path("latest").path("restored"))
                .filter(r -> r.isObject()).map(r -> r.path("restore_timestamp").asLong());
    }

    /** Ids of the TaskManagers that run at least one of the job's tasks. */
    Set<String> taskManagersOf(String jobId) {
        Set<String> ids = new HashSet<>();
        get("/jobs/" + jobId).ifPresent(job -> job.path("vertices").forEach(v ->
                get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers").ifPresent(tms ->
                        tms.path("taskmanagers").forEach(tm -> ids.add(tm.path("taskmanager-id").asText())))));
        return ids;
    }

    /** Ids of the TaskManagers registered with the JobManager. */
    Set<String> taskManagers() {
        Set<String> ids = new HashSet<>();
        get("/taskmanagers").ifPresent(t -> t.path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText())));
        return ids;
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the JobManager is down or starting: the caller polls again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
