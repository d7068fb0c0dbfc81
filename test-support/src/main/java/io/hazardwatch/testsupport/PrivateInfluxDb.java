package io.hazardwatch.testsupport;

import io.hazardwatch.model.config.InfluxCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An InfluxDB 1.x of a test's own with authentication on, as {@code deploy/infra.sh} sets it up (issue 16): the
 * Debian {@code influxd} run as a child process on free 127.0.0.1 ports in {@code dir}, with an admin, a writer (WRITE
 * on {@link #DATABASE}) and a reader (READ). The shared InfluxDB is never touched. Tests that need it skip when
 * {@code influxd} is not installed ({@link #available()}).
 */
public final class PrivateInfluxDb implements AutoCloseable {

    public static final String DATABASE = "hazardwatch";
    public static final String RETENTION_POLICY = "thirty_days";
    public static final String AGGREGATE_RETENTION_POLICY = "four_hundred_days";

    private final Path dir;
    private final int port;
    private final Path log;
    private final InfluxCredentials admin = login("hw_admin");
    private final InfluxCredentials writer = login("hw_writer");
    private final InfluxCredentials reader = login("hw_reader");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private PrivateInfluxDb(Path dir) {
        this.dir = dir;
        this.port = FreePort.find();
        this.log = dir.resolve("influxd.log");
    }

    /** Whether {@code influxd} can be started here. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/influxd"));
    }

    /** Starts InfluxDB in {@code dir}, creates the users, the database and both retention policies. */
    public static PrivateInfluxDb start(Path dir) {
        PrivateInfluxDb influx = new PrivateInfluxDb(dir);
        influx.launch();
        influx.provision();
        return influx;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public InfluxCredentials admin() {
        return admin;
    }

    public InfluxCredentials writer() {
        return writer;
    }

    public InfluxCredentials reader() {
        return reader;
    }

    /**
     * Creates another database as the admin, as {@code deploy/infra.sh} creates {@link #DATABASE} (both retention
     * policies), with WRITE for the writer and READ for the reader; returns its name.
     */
    public String createDatabase(String name) {
        for (String statement : List.of(
                "CREATE DATABASE " + name + " WITH DURATION 30d REPLICATION 1 NAME " + RETENTION_POLICY,
                "CREATE RETENTION POLICY " + AGGREGATE_RETENTION_POLICY + " ON " + name + " DURATION 400d REPLICATION 1",
                "GRANT WRITE ON " + name + " TO " + writer.username(),
                "GRANT READ ON " + name + " TO " + reader.username())) {
            expectOk(query(admin, null, statement));
        }
        return name;
    }

    /** {@code POST /query} as {@code login} (NONE: without credentials); the HTTP status and body. */
    public Answer query(InfluxCredentials login, String database, String influxQl) {
        String form = "q=" + encode(influxQl) + (database == null ? "" : "&db=" + encode(database));
        return send(login, "/query", "application/x-www-form-urlencoded", form);
    }

    /** {@code POST /write} of line protocol (ms precision) into {@link #DATABASE} as {@code login}. */
    public Answer write(InfluxCredentials login, String lines) {
        return send(login, "/write?db=" + DATABASE + "&rp=" + RETENTION_POLICY + "&precision=ms", "text/plain", lines);
    }

    public record Answer(int status, String body) {
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process, 20);
        process = null;
    }

    private static InfluxCredentials login(String user) {
        return InfluxCredentials.of(user, UUID.randomUUID().toString());
    }

    private void launch() {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("influxdb.conf");
            Files.writeString(config, """
                    reporting-disabled = true
                    bind-address = "127.0.0.1:%2$d"
                    [meta]
                      dir = "%1$s/meta"
                    [data]
                      dir = "%1$s/data"
                      wal-dir = "%1$s/wal"
                      query-log-enabled = false
                    [http]
                      enabled = true
                      bind-address = "127.0.0.1:%3$d"
                      auth-enabled = true
                      log-enabled = false
                    [monitor]
                      store-enabled = false
                    """.formatted(dir, FreePort.find(), port));
            process = new ProcessBuilder("influxd", "-config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start influxd", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(URI.create(url() + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                ChildProcesses.pause(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
        }
        throw new IllegalStateException("influxd did not answer on " + url() + " within 60 s: " + tail());
    }

    /** The same statements as deploy/infra.sh: the first user may be created without credentials. */
    private void provision() {
        expectOk(query(InfluxCredentials.NONE, null, "CREATE USER " + admin.username() + " WITH PASSWORD '"
                + admin.password() + "' WITH ALL PRIVILEGES"));
        expectOk(query(admin, null, "CREATE USER " + writer.username() + " WITH PASSWORD '" + writer.password() + "'"));
        expectOk(query(admin, null, "CREATE USER " + reader.username() + " WITH PASSWORD '" + reader.password() + "'"));
        createDatabase(DATABASE);
    }

    private void expectOk(Answer answer) {
        if (answer.status() != 200 || answer.body().contains("\"error\"")) {
            throw new IllegalStateException("InfluxDB provisioning failed: " + answer);
        }
    }

    private Answer send(InfluxCredentials login, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (login.present()) {
            request.header("Authorization", basicAuthorization(login));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code Authorization} header value of {@code login} (InfluxDB 1.x takes HTTP Basic). */
    static String basicAuthorization(InfluxCredentials login) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String tail() {
        return ChildProcesses.tail(log);
    }
}
