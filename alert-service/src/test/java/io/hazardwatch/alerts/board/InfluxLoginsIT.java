package io.hazardwatch.alerts.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hazardwatch.alerts.Await;
import io.hazardwatch.alerts.config.ReportConfig;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.PrivateInfluxDb;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the board's sensor history reads from an InfluxDB with authentication on (a test's own, set up as
 * {@code deploy/infra.sh} does) as the reader user, taken from the config keys; a wrong password is a failure of the
 * history that names the keys, not of the service.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InfluxLoginsIT {

    private static final SensorKey GAS = new SensorKey("ent-a", "tank-1", "lel-1");

    @TempDir
    static Path dir;
    private static PrivateInfluxDb influx;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        assumeTrue(PrivateInfluxDb.available(), "influxd is not installed");
        influx = PrivateInfluxDb.start(dir.resolve("influx"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            Await.result(vertx.close());
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void theHistoryReadsAsTheReaderNamedInTheConfig() throws Exception {
        long at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5).toEpochMilli();
        assertThat(influx.write(influx.writer(), "reading,enterprise=ent-a,device=tank-1,sensor=lel-1 value=27.25 " + at)
                .status()).isEqualTo(204);
        Path passwordFile = dir.resolve("influx-reader.password");
        Files.writeString(passwordFile, influx.reader().password() + "\n");
        ReportConfig config = ReportConfig.from(Settings.of(Map.of("influx.username", influx.reader().username(),
                "influx.password-file", passwordFile.toString())));

        List<ReadingHistory.Latest> latest = Await.result(history(config.historyLogin()).latest("ent-a"));

        assertThat(latest).containsExactly(new ReadingHistory.Latest("tank-1", "lel-1", at, 27.25));
        assertThat(config.marksLogin()).as("the incident marks default to the same login").isEqualTo(config.historyLogin());
    }

    @Test
    void withoutALoginOrWithAWrongPasswordTheHistoryFailsNamingTheKeys() {
        for (InfluxCredentials login : List.of(InfluxCredentials.NONE,
                InfluxCredentials.of(influx.reader().username(), "guessed"))) {
            var answer = history(login).lastMinutes(GAS, 10).toCompletionStage().toCompletableFuture();

            assertThat(answer).failsWithin(java.time.Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("HTTP 401")
                    .withMessageContaining("influx.password-file")
                    .withMessageNotContaining("guessed");
        }
    }

    private static InfluxReadingHistory history(InfluxCredentials login) {
        return new InfluxReadingHistory(WebClient.create(vertx), influx.url(), PrivateInfluxDb.DATABASE, login);
    }
}
