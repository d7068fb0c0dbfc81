package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's document ({@code webroot/openapi.yaml}) names every endpoint the service serves: a route mounted under
 * {@code /api/} without its path and method in the document fails here, so a new endpoint cannot go undocumented.
 */
@ExtendWith(VertxExtension.class)
class OpenApiRoutesTest {

    @Test
    void everyApiRouteTheServiceMountsIsDocumentedWithItsMethod(Vertx vertx, @TempDir Path dir) throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, new ScriptedAlarmSource(),
                new InMemoryIncidentStore(), Map.of(), Clock.systemUTC()));
        try {
            List<String> documented = documented();
            List<String> served = app.routes().stream()
                    .filter(r -> r.contains(" /api/") && !r.startsWith("* ") && !r.endsWith("*")).toList();

            assertThat(served).as("routes served").isNotEmpty().contains("POST /api/incidents/{id}/acknowledge");
            assertThat(documented).as("operations in openapi.yaml").containsAll(served);
        } finally {
            Await.result(app.stop());
        }
    }

    /** Every operation of the document as "METHOD path". */
    private static List<String> documented() throws Exception {
        try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/webroot/openapi.yaml")) {
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(in).get("paths");
            List<String> operations = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
            return operations;
        }
    }
}
