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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Silences through the API: grid staff see and manage those of their cells' enterprises, enterprise users none. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SilenceAccessTest {

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
    void gridStaffManageOnlyTheSilencesOfTheirCellsEnterprisesAndEnterpriseUsersNone() {
        // ent-a is in grid-1 (grid1), ent-b in grid-2 (grid2)
        HttpResponse<Buffer> own = request(HttpMethod.POST, "grid1", "/api/silences", silence("ent-a"));
        assertThat(own.statusCode()).isEqualTo(201);
        String entA = own.bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> foreign = request(HttpMethod.POST, "grid1", "/api/silences", silence("ent-b"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.bodyAsJsonObject().getString("message")).contains("grid1", "GRID_STAFF", "ent-b");
        assertThat(request(HttpMethod.POST, "grid1", "/api/silences", silence("ent-unknown")).statusCode()).isEqualTo(403);
        assertThat(request(HttpMethod.POST, "grid2", "/api/silences", silence("ent-b")).statusCode()).isEqualTo(201);
        HttpResponse<Buffer> enterprise = request(HttpMethod.POST, "ent-a-viewer", "/api/silences", silence("ent-a"));
        assertThat(enterprise.statusCode()).isEqualTo(403);
        assertThat(enterprise.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");

        assertThat(enterprises("grid1")).containsExactly("ent-a");
        assertThat(enterprises("grid2")).containsExactly("ent-b");
        assertThat(enterprises("duty")).containsExactlyInAnyOrder("ent-a", "ent-b");
        HttpResponse<Buffer> none = request(HttpMethod.GET, "ent-a-viewer", "/api/silences", null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.bodyAsJsonArray()).isEmpty();

        assertThat(request(HttpMethod.DELETE, "grid2", "/api/silences/" + entA, null).statusCode()).isEqualTo(403);
        assertThat(request(HttpMethod.DELETE, "ent-a-viewer", "/api/silences/" + entA, null).statusCode()).isEqualTo(403);
        assertThat(request(HttpMethod.DELETE, "grid1", "/api/silences/" + entA, null).statusCode()).isEqualTo(200);
        assertThat(enterprises("grid1")).isEmpty();
        assertThat(enterprises("duty")).containsExactly("ent-b");
    }

    private static JsonObject silence(String enterprise) {
        return new JsonObject().put("enterprise", enterprise).put("minutes", 60).put("reason", "detector calibration");
    }

    private List<String> enterprises(String user) {
        HttpResponse<Buffer> r = request(HttpMethod.GET, user, "/api/silences", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("enterprise")).toList();
    }

    private HttpResponse<Buffer> request(HttpMethod method, String user, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.request(method, app.httpPort(), "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }
}
