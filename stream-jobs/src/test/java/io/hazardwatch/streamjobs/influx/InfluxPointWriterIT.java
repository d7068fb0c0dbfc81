package io.hazardwatch.streamjobs.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.TestEnv;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against the real InfluxDB of the test stack ({@link TestEnv#influxUrl()}), in a fresh database per test. */
@Timeout(60)
class InfluxPointWriterIT {

    private static final String RP = "thirty_days";

    private final String database = "hw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    private InfluxDB influx;

    @BeforeEach
    void connect() {
        influx = InfluxPointSink.connect(TestEnv.influxUrl(), TestEnv.influxLogin());
    }

    @AfterEach
    void dropDatabase() {
        influx.query(new Query("DROP DATABASE " + database));
        influx.close();
    }

    @Test
    void createsTheDatabaseWithAThirtyDayRetentionPolicyAndToleratesItExisting() {
        InfluxDatabase.ensure(influx, database, RP);
        InfluxDatabase.ensure(influx, database, RP);

        assertThat(rows("SHOW DATABASES", null)).extracting(row -> row.get(0)).contains(database);
        assertThat(rows("SHOW RETENTION POLICIES ON " + database, database))
                .anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly(RP, "720h0m0s"));
    }

    @Test
    void addsTheRetentionPolicyToADatabaseMadeWithoutIt() {
        influx.query(new Query("CREATE DATABASE " + database));

        InfluxDatabase.ensure(influx, database, RP);

        assertThat(rows("SHOW RETENTION POLICIES ON " + database, database)).extracting(row -> row.get(0)).contains(RP);
    }

    @Test
    void writesWhenTheBatchIsFullWhenTheIntervalPassesAndOnFlush() throws Exception {
        InfluxDatabase.ensure(influx, database, RP);
        TestProcessingTimeService timers = new TestProcessingTimeService();
        timers.setCurrentTime(0);
        InfluxPointWriter<Reading> writer = new InfluxPointWriter<>(InfluxPointSink.connect(TestEnv.influxUrl(), TestEnv.influxLogin()),
                new InfluxSettings(TestEnv.influxUrl(), database, RP, 3, Duration.ofSeconds(1), 3, Duration.ofMillis(100)),
                timers, ReadingPoints::toLine);

        write(writer, 0, 2);
        Thread.sleep(200);
        assertThat(storedReadings()).as("below batch size, before the interval").isZero();

        timers.setCurrentTime(1_000);
        assertThat(storedReadingsWithin(Duration.ofSeconds(5), 2)).as("after the flush interval").isEqualTo(2);

        write(writer, 2, 3);
        assertThat(storedReadingsWithin(Duration.ofSeconds(5), 5)).as("a full batch is written at once").isEqualTo(5);

        write(writer, 5, 1);
        writer.flush(true);
        assertThat(storedReadings()).as("flushed at end of input").isEqualTo(6);
        writer.close();

        assertThat(rows("SELECT value, enterprise, device, sensor, sensor_type, unit FROM " + RP + ".reading LIMIT 1", database))
                .singleElement().satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo(start.toString());
                    assertThat(row.subList(1, 7)).containsExactly(10.0, "ent-a", "tank-1", "lel-1", "COMBUSTIBLE_GAS", "%LEL");
                });
    }

    @Test
    void influxDbReadsExponentFormValuesAndEscapedTagsAsWritten() throws Exception {
        InfluxDatabase.ensure(influx, database, RP);
        InfluxPointWriter<Reading> writer = new InfluxPointWriter<>(InfluxPointSink.connect(TestEnv.influxUrl(), TestEnv.influxLogin()),
                new InfluxSettings(TestEnv.influxUrl(), database, RP, 100, Duration.ofSeconds(1), 3, Duration.ofMillis(100)),
                new TestProcessingTimeService(), ReadingPoints::toLine);

        writer.write(new Reading(Reading.SCHEMA, "ent a", "tank,1", "lel=1", SensorType.COMBUSTIBLE_GAS, 1.0e-5,
                "%LEL", start, start), null);
        writer.write(new Reading(Reading.SCHEMA, "ent a", "tank,1", "lel=1", SensorType.COMBUSTIBLE_GAS, -3.5e12,
                "%LEL", start.plusSeconds(1), start), null);
        writer.flush(true);
        writer.close();

        assertThat(rows("SELECT value, enterprise, device, sensor FROM " + RP + ".reading", database))
                .extracting(row -> row.subList(1, 5))
                .containsExactly(List.of(1.0e-5, "ent a", "tank,1", "lel=1"), List.of(-3.5e12, "ent a", "tank,1", "lel=1"));
    }

    private void write(InfluxPointWriter<Reading> writer, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            Instant at = start.plusSeconds(i);
            writer.write(new Reading(Reading.SCHEMA, "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS,
                    10.0 + i, "%LEL", at, at), null);
        }
    }

    /** Writes happen on the writer's own thread: polls until {@code expected} readings are stored or time is up. */
    private long storedReadingsWithin(Duration timeout, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stored = storedReadings();
        while (stored < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stored = storedReadings();
        }
        return stored;
    }

    private long storedReadings() {
        List<List<Object>> rows = rows("SELECT count(value) FROM " + RP + ".reading", database);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }

    private List<List<Object>> rows(String query, String db) {
        QueryResult result = influx.query(db == null ? new Query(query) : new Query(query, db));
        assertThat(result.hasError()).as(result.getError()).isFalse();
        QueryResult.Result first = result.getResults().get(0);
        assertThat(first.hasError()).as(first.getError()).isFalse();
        return first.getSeries() == null ? List.of() : first.getSeries().get(0).getValues();
    }
}
