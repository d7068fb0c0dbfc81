package io.hazardwatch.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;

/** What the bench asks the local cluster's Flink REST API: when the job runs, and what its vertices have read. */
final class FlinkRest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FlinkRest() {
    }

    private static JsonNode jobDetails(int restPort, JobClient job) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/jobs/" + job.getJobID()))
                .timeout(Duration.ofSeconds(10)).build();
        return Json.MAPPER.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Id of the job vertex whose name contains {@code name}, once the job runs (at most 120 s). */
    static String awaitVertex(int restPort, JobClient job, String name) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                JsonNode details = jobDetails(restPort, job);
                if ("RUNNING".equals(details.path("state").asText())) {
                    for (JsonNode vertex : details.path("vertices")) {
                        if (vertex.path("name").asText().contains(name) && "RUNNING".equals(vertex.path("status").asText())) {
                            return vertex.path("id").asText();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // REST API not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the job did not start within 120 s");
    }

    /**
     * Records the detection vertex has read so far (readings, plus the few rule records). The REST API answers
     * from its cache and refreshes it in the background, hence the bench's sampler: every answer lags by about the
     * same fraction of a second.
     */
    static long readRecords(int restPort, JobClient job, String vertexId) throws Exception {
        for (JsonNode vertex : jobDetails(restPort, job).path("vertices")) {
            if (vertex.path("id").asText().equals(vertexId)) {
                return vertex.path("metrics").path("read-records").asLong();
            }
        }
        return 0;
    }
}
