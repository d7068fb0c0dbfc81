package io.hazardwatch.streamjobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.testsupport.PrivateInfluxDb;
import io.hazardwatch.testsupport.PrivateInfluxDb.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: an InfluxDB of the test's own with authentication on, set up as {@code deploy/infra.sh} does (admin,
 * writer with WRITE, reader with READ), and the history job's writer logging in to it.
 */
@Timeout(120)
class InfluxAuthIT {

    private static final String DB = PrivateInfluxDb.DATABASE;
    private static final String RP = PrivateInfluxDb.RETENTION_POLICY;

    @TempDir
    static Path dir;
    private static PrivateInfluxDb influx;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    @BeforeAll
    static void startInflux() {
        assumeTrue(PrivateInfluxDb.available(), "influxd is not installed");
        influx = PrivateInfluxDb.start(dir.resolve("influx"));
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void withoutCredentialsNothingIsReadOrWritten() {
        assertThat(influx.query(InfluxCredentials.NONE, DB, "SELECT * FROM reading").status()).isEqualTo(401);
        assertThat(influx.write(InfluxCredentials.NONE, "reading value=1 " + start.toEpochMilli()).status()).isEqualTo(401);
        InfluxCredentials guessed = InfluxCredentials.of(influx.writer().username(), "password");
        assertThat(influx.write(guessed, "reading value=1 " + start.toEpochMilli()).status()).isEqualTo(401);
    }

    @Test
    void theWriterWritesButCannotReadOrManage() {
        assertThat(influx.write(influx.writer(), "probe,who=writer value=1 " + start.toEpochMilli()).status())
                .isEqualTo(204);

        assertThat(refused(influx.query(influx.writer(), DB, "SELECT * FROM probe"))).isTrue();
        assertThat(refused(influx.query(influx.writer(), null, "DROP DATABASE " + DB))).isTrue();
        assertThat(influx.query(influx.admin(), DB, "SELECT count(value) FROM probe WHERE who='writer'").body())
                .contains("[\"1970-01-01T00:00:00Z\",1]");
    }

    @Test
    void theReaderReadsButCannotWrite() {
        influx.write(influx.writer(), "probe,who=both value=2 " + start.toEpochMilli());

        Answer read = influx.query(influx.reader(), DB, "SELECT value FROM probe WHERE who='both'");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("2]").doesNotContain("error");
        assertThat(influx.write(influx.reader(), "probe,who=reader value=3 " + start.toEpochMilli()).status())
                .isEqualTo(403);
        assertThat(refused(influx.query(influx.reader(), null, "CREATE USER intruder WITH PASSWORD 'x' WITH ALL PRIVILEGES")))
                .isTrue();
    }

    @Test
    void theHistoryWriterLogsInAsTheWriterAndLeavesTheDatabaseToTheAdmin() throws Exception {
        InfluxSettings settings = new InfluxSettings(influx.url(), DB, RP, 2, Duration.ofSeconds(1), 3,
                Duration.ofMillis(100)).withLogin(influx.writer());
        InfluxDB connection = InfluxPointSink.connect(influx.url(), settings.login());
        InfluxDatabase.ensure(connection, DB, RP, InfluxSettings.RETENTION, settings.login());
        InfluxPointWriter<Reading> writer = new InfluxPointWriter<>(connection, settings,
                new TestProcessingTimeService(), ReadingPoints::toLine);

        for (int i = 0; i < 3; i++) {
            writer.write(new Reading(Reading.SCHEMA, "ent-auth", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, 10 + i,
                    "%LEL", start.plusSeconds(i), start), null);
        }
        writer.flush(true);
        writer.close();

        assertThat(influx.query(influx.reader(), DB, "SELECT count(value) FROM " + RP
                + ".reading WHERE enterprise='ent-auth'").body()).contains(",3]");
    }

    @Test
    void aWrongPasswordFailsNamingTheKeysToCheck() {
        InfluxCredentials wrong = InfluxCredentials.of(influx.writer().username(), "not-the-password");
        InfluxDB connection = InfluxPointSink.connect(influx.url(), wrong);
        try {
            assertThatThrownBy(() -> InfluxDatabase.ensure(connection, DB, RP, InfluxSettings.RETENTION, wrong))
                    .isInstanceOf(InfluxDBException.class)
                    .hasMessageContaining("influx.username")
                    .hasMessageContaining("influx.password-file")
                    .hasMessageNotContaining("not-the-password");
        } finally {
            connection.close();
        }
    }

    /** InfluxDB 1.x answers an unauthorised statement with 403, or with 200 and an error in the body. */
    private static boolean refused(Answer answer) {
        return answer.status() == 403 || (answer.body().contains("not authorized") && answer.body().contains("error"));
    }
}
