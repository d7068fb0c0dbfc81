package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The register's answers to what people get wrong: unknown ids and moves, missing reasons, moves not allowed. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DangerApiTest {

    private AlertServiceApp app;
    private WebClient web;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, new ScriptedAlarmSource(), new InMemoryIncidentStore(),
                Map.of(), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        Await.result(app.stop());
    }

    @Test
    void unknownDangersAndMovesAre404MissingInputIs400AndAMoveTheStatusRefusesIs409() {
        assertThat(call(HttpMethod.GET, "duty", "/api/dangers/danger-19990101-1", null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers", new JsonObject().put("enterprise", "ent-a")
                .put("severity", "GENERAL").put("deadlineDays", 3)).bodyAsJsonObject().getString("message"))
                .startsWith("title:");
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers", new JsonObject().put("enterprise", "ent-nowhere")
                .put("title", "t").put("severity", "GENERAL").put("deadlineDays", 3)).statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers", new JsonObject().put("enterprise", "ent-a")
                .put("title", "t").put("severity", "GENERAL").put("deadline", "tomorrow")).bodyAsJsonObject()
                .getString("message")).startsWith("deadline:");
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers", new JsonObject().put("enterprise", "ent-a")
                .put("title", "t").put("severity", "GENERAL").put("source", "ALARM_PATTERN").put("deadlineDays", 3))
                .statusCode()).isEqualTo(403);

        String id = call(HttpMethod.POST, "duty", "/api/dangers", new JsonObject().put("enterprise", "ent-a")
                .put("title", "ladder guard \"broken\", east side").put("severity", "GENERAL").put("deadlineDays", 3))
                .bodyAsJsonObject().getString("id");
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers/" + id + "/demolish", null).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> general = call(HttpMethod.POST, "duty", "/api/dangers/" + id + "/supervise",
                new JsonObject().put("level", "STREET"));
        assertThat(general.statusCode()).isEqualTo(409);
        assertThat(general.bodyAsJsonObject().getString("message")).contains("MAJOR");
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers/" + id + "/supervise",
                new JsonObject().put("level", "COUNTY")).bodyAsJsonObject().getString("message")).startsWith("level:");
        assertThat(call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/submit", null).statusCode())
                .isEqualTo(409);
        call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/start", null);
        call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/submit", null);
        HttpResponse<Buffer> noReason = call(HttpMethod.POST, "grid1", "/api/dangers/" + id + "/send-back", null);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.bodyAsJsonObject().getString("message")).startsWith("text:");
        HttpResponse<Buffer> sentBack = call(HttpMethod.POST, "grid1", "/api/dangers/" + id + "/send-back",
                new JsonObject().put("text", "guard still loose"));
        assertThat(sentBack.bodyAsJsonObject().getString("status")).isEqualTo("SENT_BACK");
        assertThat(call(HttpMethod.GET, "grid2", "/api/dangers/" + id, null).statusCode()).isEqualTo(403);

        // the export quotes what needs quoting
        String csv = call(HttpMethod.GET, "grid1", "/api/dangers/export.csv?enterprise=ent-a", null).bodyAsString();
        assertThat(csv).startsWith("\uFEFFid,enterprise,").contains(",\"ladder guard \"\"broken\"\", east side\",");
        assertThat(call(HttpMethod.GET, "grid2", "/api/dangers/export.csv", null).bodyAsString().lines()).hasSize(1);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String user, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.request(method, app.httpPort(), "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }
}
