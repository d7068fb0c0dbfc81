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
        AlertServiceConfig config = new AlertServiceConfig(nowhere, "alarms", TestRegistry.write(dir), "127.0.0.1", 0);
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));
        WebClient web = WebClient.create(vertx);

        HttpResponse<Buffer> health = Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send());
        HttpResponse<Buffer> active = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active").send());

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.bodyAsJsonObject().getString("alarmFeed")).isEqualTo("STARTING");
        assertThat(active.bodyAsString()).isEqualTo("[]");
        long stopping = System.nanoTime();
        Await.result(app.stop());
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping)).isLessThan(5);
    }

    @Test
    void anInvalidRegistryFailsStartWithAConfigErrorNamingTheKey(Vertx vertx) throws Exception {
        Path registry = Files.writeString(dir.resolve("registry.yaml"), "version: 0\nenterprises: []\n");
        AlertServiceConfig config = new AlertServiceConfig("127.0.0.1:9092", "alarms", registry, "127.0.0.1", 0);

        assertThatThrownBy(() -> Await.result(AlertServiceApp.start(vertx, config)))
                .cause().isInstanceOf(ConfigException.class).hasMessageStartingWith("registry.file:");
    }
}
