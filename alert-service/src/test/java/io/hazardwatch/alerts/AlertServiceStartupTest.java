package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real service with its Kafka consumer, when Kafka is not there or the registry is wrong. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlertServiceStartupTest {

    @TempDir
    Path dir;

    @Test
    void servesTheBoardButReportsDownWhileKafkaIsUnreachableAndStillStopsPromptly(Vertx vertx) {
        String nowhere = "127.0.0.1:" + FreePort.find();
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), java.util.Map.of("kafka.bootstrap", nowhere));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));
        WebClient web = WebClient.create(vertx);

        HttpResponse<Buffer> health = Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send());
        HttpResponse<Buffer> active = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                .basicAuthentication("duty", TestFiles.PASSWORD).send());
        HttpResponse<Buffer> incidents = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents")
                .basicAuthentication("duty", TestFiles.PASSWORD).send());

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.bodyAsJsonObject().getString("alarmFeed")).isEqualTo("STARTING");
        assertThat(health.bodyAsJsonObject().getString("incidentStore")).isEqualTo("LOADING");
        assertThat(active.bodyAsString()).isEqualTo("[]");
        assertThat(incidents.statusCode()).isEqualTo(503);
        assertThat(incidents.bodyAsJsonObject().getString("error")).isEqualTo("starting");
        long stopping = System.nanoTime();
        Await.result(app.stop());
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping)).isLessThan(5);
    }

    @Test
    void startsAndShowsKafkaDownWhenTheBrokersNameDoesNotResolve(Vertx vertx) throws Exception {
        // the Kafka client refuses to be built with a bootstrap name that does not resolve: the watchdog retries
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), java.util.Map.of(
                "kafka.bootstrap", "kafka.invalid:9092", "alert.watchdog.kafka-unreachable-ms", "1000"));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));
        WebClient web = WebClient.create(vertx);

        io.vertx.core.json.JsonObject kafka = Await.until(() -> {
            io.vertx.core.json.JsonObject view = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/monitoring")
                    .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
            io.vertx.core.json.JsonObject stage = view.getJsonArray("stages") == null ? null
                    : view.getJsonArray("stages").getJsonObject(1);
            return stage != null && "DOWN".equals(stage.getString("state")) ? stage : null;
        }, () -> "no KAFKA DOWN");
        assertThat(kafka.getString("stage")).isEqualTo("KAFKA");
        assertThat(kafka.getString("reason")).contains("has not answered since the service started");
        Await.result(app.stop());
    }

    @Test
    void anInvalidRegistryFailsStartWithAConfigErrorNamingTheKey(Vertx vertx) throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), java.util.Map.of());
        Files.writeString(config.registryFile(), "version: 0\nenterprises: []\n");

        assertThatThrownBy(() -> Await.result(AlertServiceApp.start(vertx, config)))
                .cause().isInstanceOf(ConfigException.class).hasMessageStartingWith("registry.file:");
    }

    @Test
    void aPolicyWithAnUnknownPersonInARotaFailsStartNamingTheKeyAndField(Vertx vertx) throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy().replace("person: squad", "person: nobody"),
                java.util.Map.of());

        assertThatThrownBy(() -> Await.result(AlertServiceApp.start(vertx, config)))
                .cause().isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.policy.file:")
                .hasMessageContaining("rotas[4].shifts[0]");
    }

    @Test
    void aUserWithAPlainPasswordFailsStartNamingTheKey(Vertx vertx) throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), java.util.Map.of());
        Files.writeString(config.usersFile(), "users:\n  - {username: duty, role: DUTY_OFFICER, passwordHash: secret}\n");

        assertThatThrownBy(() -> Await.result(AlertServiceApp.start(vertx, config)))
                .cause().isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.users.file:")
                .hasMessageContaining("bcrypt");
    }
}
