package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a few hundred hostile requests (fixed seed) of random method, path (every route the service mounts,
 * with bad encodings), login, Content-Type and body, sent as raw HTTP/1.1: the real service answers each with a
 * status below 500 and logs no error (no "Unhandled exception in router").
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpFuzzTest {

    private static final long SEED = 16L;
    private static final int REQUESTS = 400;
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"};
    private static final String[] TYPES = {null, "application/json", "application/json; charset=utf-8", "text/plain",
            "multipart/form-data; boundary=x", "multipart/form-data", "multipart/mixed; boundary=\"", "image/png",
            "application/x-www-form-urlencoded", ";;;", "application/json; charset=klingon"};
    private static final String[] BODIES = {"", "{}", "[]", "null", "{\"enterprise\":", "{\"minutes\":\"many\"}",
            "\u0000\u0001\u00ff",
            "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nA\r\n--x--\r\n",
            "a=1&b=%zz", "{\"text\":" + "\"x\"".repeat(1) + "}", "[" + "1,".repeat(5_000) + "1]"};
    private static final String[] SEGMENTS = {"x", "%zz", "%ff%fe", "..", "%2e%2e", "%00", "a%2Fb", "\u00e9", "*",
            "%", "2026-13-45", "-1", "99999999999999999999", ";jsessionid=1", "?from=yesterday&to=%"};

    private final StringWriter logs = new StringWriter();
    private WriterAppender appender;
    private AlertServiceApp app;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        appender = capture(logs);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, new ScriptedAlarmSource(), new InMemoryIncidentStore(),
                Map.of(), Clock.systemUTC()));
        Await.result(app.loaded());
    }

    @AfterEach
    void stop() {
        Await.result(app.stop());
        release(appender);
    }

    @Test
    void randomHostileRequestsGetA4xxWithAReasonNeverA500OrALoggedError() throws IOException {
        Random random = new Random(SEED);
        List<String> paths = new ArrayList<>(app.routes().stream().map(r -> r.substring(r.indexOf(' ') + 1))
                .filter(p -> !p.startsWith("/api/alarms/stream")).distinct().toList());
        paths.addAll(List.of("/", "/login", "/logout", "/login.html", "/index.html", "/../../etc/passwd", "//api//x",
                "/api/%", "/ack/%zz"));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> fiveHundreds = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String method = pick(random, METHODS);
            String path = fill(random, pick(random, paths.toArray(String[]::new)));
            String type = pick(random, TYPES);
            String body = random.nextInt(4) == 0 ? "" : pick(random, BODIES);
            String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + app.httpPort() + "\r\n"
                    + auth(random) + (type == null ? "" : "Content-Type: " + type + "\r\n")
                    + (random.nextInt(3) == 0 ? "Origin: http://evil.example\r\n" : "")
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n" + body;
            int status = send(request);
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 || status <= 0) {
                fiveHundreds.add(status + " " + request.lines().findFirst().orElse("") + " " + type);
            }
        }
        assertThat(fiveHundreds).as("answers of 500 (or none), of " + statuses).isEmpty();
        assertThat(statuses.keySet()).as("statuses").anyMatch(s -> s >= 400);
        assertThat(logs.toString()).as("log").doesNotContain("Unhandled exception").doesNotContain("ERROR");
    }

    private static String auth(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "Authorization: Basic " + b64("duty:" + TestFiles.PASSWORD) + "\r\n";
            case 2 -> "Authorization: Basic " + b64("ent-a-viewer:" + TestFiles.PASSWORD) + "\r\n";
            case 3 -> "Authorization: Basic !!not-base64\r\n";
            default -> "Authorization: Bearer " + Long.toHexString(random.nextLong()) + "\r\n";
        };
    }

    private static String fill(Random random, String route) {
        StringBuilder out = new StringBuilder();
        for (String part : route.split("/", -1)) {
            if (!out.isEmpty() || !part.isEmpty()) {
                out.append('/');
            }
            out.append(part.startsWith(":") || part.startsWith("{") ? pick(random, SEGMENTS) : part);
        }
        String path = out.isEmpty() ? "/" : out.toString();
        return random.nextInt(6) == 0 ? path + "?" + pick(random, SEGMENTS) + "=%" : path;
    }

    /** One raw request on its own connection; the status of the answer, or -1 if there was none. */
    private int send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                head.write(b);
            }
            String line = head.toString(StandardCharsets.ISO_8859_1);
            String[] parts = line.split(" ");
            return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
        }
    }

    private static <T> T pick(Random random, T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static WriterAppender capture(StringWriter out) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName("fuzz-capture").setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %msg%n").build()).build();
        appender.start();
        cfg.addAppender(appender);
        cfg.getRootLogger().addAppender(appender, Level.ERROR, null);
        ctx.updateLoggers();
        return appender;
    }

    private static void release(WriterAppender appender) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
        ctx.updateLoggers();
        appender.stop();
    }
}
