package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.testsupport.TestEnv;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/influx-backup.sh against the shared InfluxDB (HTTP 8086 with logins on, RPC 8088): points written to a
 * fresh database are backed up, restored under another name, and read back equal; both databases are dropped.
 */
@Timeout(90)
class InfluxBackupIT {

    private static final Path SCRIPT = Path.of("influx-backup.sh").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int POINTS = 500;

    @Test
    void restoresABackedUpDatabaseUnderANewNameWithEveryPoint() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String source = "backup_it_" + suffix;
        String copy = "restore_it_" + suffix;
        Path work = Files.createDirectories(Path.of("target", "influx-backup-it", suffix)).toAbsolutePath();
        try {
            // GIVEN points in a fresh database, in two series and over three days (several shards)
            query("CREATE DATABASE " + source);
            write(source, linesOfReadings());
            String written = query("SELECT value FROM " + source + "..reading GROUP BY sensor ORDER BY time");
            assertThat(written).contains("\"lel-01\"", "\"lel-02\"");

            // WHEN it is backed up and restored under another name
            run(work, source, "backup", work.resolve("backup").toString());
            run(work, source, "restore", work.resolve("backup").toString(), "--db", copy);

            // THEN the copy holds the same points, series and values (once influxd has opened the restored shards:
            // restore returns a moment before, when a query answers "shard is disabled" or finds nothing)
            awaitPoints(copy);
            String restored = query("SELECT value FROM " + copy + "..reading GROUP BY sensor ORDER BY time");
            assertThat(restored).isEqualTo(written);
        } finally {
            try {
                query("DROP DATABASE " + source);
            } finally {
                query("DROP DATABASE " + copy);
            }
        }
    }

    private static void awaitPoints(String database) throws Exception {
        String count = "SELECT count(value) FROM " + database + "..reading";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String answer = rawQuery(count);
            if (answer.contains("," + POINTS + "]")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(database + " does not hold " + POINTS + " points 15 s after restore: " + rawQuery(count));
    }

    private static String linesOfReadings() {
        long start = 1_700_000_000_000L;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            long millis = start + i * 3 * 24 * 3_600_000L / POINTS;
            lines.add("reading,enterprise=hengda,sensor=lel-0" + (1 + i % 2) + " value=" + (i * 0.25) + " "
                    + millis * 1_000_000L);
        }
        return String.join("\n", lines);
    }

    private static void run(Path work, String database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(args[0] + ".out").toFile());
        builder.environment().put("HW_STATE", work.resolve("state").toString());
        builder.environment().put("HW_INFLUX_DATABASE", database);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("influx-backup.sh %s finished", args[0]).isTrue();
            assertThat(process.exitValue()).as("influx-backup.sh %s:%n%s", String.join(" ", args),
                    Files.readString(work.resolve(args[0] + ".out"))).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String query(String statement) throws IOException, InterruptedException {
        String body = rawQuery(statement);
        assertThat(body).as(statement).doesNotContain("\"error\"");
        return body;
    }

    private static String rawQuery(String statement) throws IOException, InterruptedException {
        URI uri = URI.create(TestEnv.influxUrl() + "/query?q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8));
        HttpResponse<String> answer = HTTP.send(TestEnv.influxRequest(uri)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", statement, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static void write(String database, String lines) throws IOException, InterruptedException {
        URI uri = URI.create(TestEnv.influxUrl() + "/write?db=" + database);
        HttpResponse<String> answer = HTTP.send(TestEnv.influxRequest(uri)
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("write: %s", answer.body()).isEqualTo(204);
    }
}
