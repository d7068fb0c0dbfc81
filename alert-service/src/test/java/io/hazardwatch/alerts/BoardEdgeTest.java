package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.testsupport.MovableClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, the board's HTTP edge, through the real service: a forged cross-site change is refused whatever login
 * the browser attaches; the board logs in with a session cookie and a CSRF token; every answer carries the browser
 * rules; nobody's body is read (or kept) before their login; enterprises see no staff addresses or provider errors.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoardEdgeTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Path UPLOADS = Path.of("file-uploads");

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private AlertServiceApp app;
    private WebClient web;
    private ProviderFake provider;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws IOException {
        deleteUploads(); // left by an older build, whose body handler kept uploads there
        provider = ProviderFake.start(vertx);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(),
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        Await.result(app.stop());
        provider.close();
    }

    @Test
    void aCrossSiteChangeIsRefusedWhateverLoginTheBrowserAttaches() {
        HttpResponse<Buffer> forged = send(basic(HttpMethod.POST, "duty", "/api/silences")
                .putHeader("Origin", "http://evil.example").putHeader("Sec-Fetch-Site", "cross-site"), silence());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.bodyAsJsonObject().getString("error")).isEqualTo("cross_site");
        assertThat(forged.bodyAsJsonObject().getString("message")).contains("cross-site");

        HttpResponse<Buffer> foreignOrigin = send(basic(HttpMethod.POST, "duty", "/api/silences")
                .putHeader("Origin", "http://evil.example"), silence());
        assertThat(foreignOrigin.statusCode()).isEqualTo(403);
        assertThat(foreignOrigin.bodyAsJsonObject().getString("message")).contains("http://evil.example");
        HttpResponse<Buffer> sameSite = send(basic(HttpMethod.DELETE, "duty", "/api/silences/x")
                .putHeader("Sec-Fetch-Site", "same-site"), null);
        assertThat(sameSite.statusCode()).isEqualTo(403);

        // a text/plain "form" from another page is not parsed as JSON
        HttpResponse<Buffer> plain = Await.result(basic(HttpMethod.POST, "duty", "/api/silences")
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(silence().encode())));
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(plain.bodyAsJsonObject().getString("message")).contains("application/json", "text/plain");
        assertThat(get("duty", "/api/silences").bodyAsJsonArray()).isEmpty();

        // the board's own page (its origin) and a script (no Origin) may
        HttpResponse<Buffer> own = send(basic(HttpMethod.POST, "duty", "/api/silences")
                .putHeader("Origin", "http://127.0.0.1:" + app.httpPort()).putHeader("Sec-Fetch-Site", "same-origin"),
                silence());
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(send(basic(HttpMethod.POST, "duty", "/api/silences"), silence()).statusCode()).isEqualTo(201);
    }

    @Test
    void theBoardLogsInWithAnHttpOnlyStrictCookieAndItsChangesNeedTheCsrfToken() {
        HttpResponse<Buffer> wrong = login("duty", "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.cookies()).isEmpty();

        HttpResponse<Buffer> ok = login("duty", TestFiles.PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(200);
        String setCookie = ok.cookies().get(0);
        assertThat(setCookie).startsWith("hw_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict",
                "Path=/").doesNotContainIgnoringCase("Secure"); // plain HTTP here; over TLS it is Secure
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = ok.bodyAsJsonObject().getString("csrfToken");
        assertThat(csrf).hasSizeGreaterThan(20);

        HttpResponse<Buffer> me = Await.result(withCookie(HttpMethod.GET, "/api/me", cookie).send());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getString("username")).isEqualTo("duty");
        assertThat(me.bodyAsJsonObject().getString("csrfToken")).isEqualTo(csrf);
        assertThat(Await.result(withCookie(HttpMethod.GET, "/", cookie).send()).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> noToken = send(withCookie(HttpMethod.POST, "/api/silences", cookie), silence());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.bodyAsJsonObject().getString("error")).isEqualTo("csrf");
        HttpResponse<Buffer> badToken = send(withCookie(HttpMethod.POST, "/api/silences", cookie)
                .putHeader("X-CSRF-Token", csrf + "x"), silence());
        assertThat(badToken.statusCode()).isEqualTo(403);
        HttpResponse<Buffer> withToken = send(withCookie(HttpMethod.POST, "/api/silences", cookie)
                .putHeader("X-CSRF-Token", csrf), silence());
        assertThat(withToken.statusCode()).isEqualTo(201);

        HttpResponse<Buffer> out = Await.result(withCookie(HttpMethod.POST, "/logout", cookie).send());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.cookies().get(0)).startsWith("hw_session=;").contains("Max-Age=0");
        assertThat(Await.result(withCookie(HttpMethod.GET, "/api/me", cookie).send()).statusCode()).isEqualTo(401);
        // Basic still works for scripts
        assertThat(get("duty", "/api/me").bodyAsJsonObject().containsKey("csrfToken")).isFalse();
    }

    @Test
    void aBoardLoginEndsAfterTheConfiguredIdleTime(Vertx vertx, @TempDir Path other) {
        MovableClock clock = new MovableClock(Instant.now());
        AlertServiceConfig config = TestFiles.config(other, TestFiles.quietPolicy(),
                Map.of("alert.board.session-idle-minutes", "5"));
        AlertServiceApp idle = Await.result(AlertServiceApp.start(vertx, config, new ScriptedAlarmSource(),
                new InMemoryIncidentStore(), Map.of(), clock));
        try {
            Await.result(idle.loaded());
            HttpResponse<Buffer> ok = Await.result(web.post(idle.httpPort(), "127.0.0.1", "/login")
                    .sendJsonObject(new JsonObject().put("username", "grid1").put("password", TestFiles.PASSWORD)));
            String cookie = ok.cookies().get(0).substring(0, ok.cookies().get(0).indexOf(';'));
            clock.advance(Duration.ofMinutes(4));
            assertThat(meWith(idle, cookie)).as("4 minutes idle").isEqualTo(200);
            clock.advance(Duration.ofMinutes(4));
            assertThat(meWith(idle, cookie)).as("4 minutes after the last request").isEqualTo(200);
            clock.advance(Duration.ofMinutes(5));
            assertThat(meWith(idle, cookie)).as("5 minutes idle").isEqualTo(401);
        } finally {
            Await.result(idle.stop());
        }
    }

    private int meWith(AlertServiceApp service, String cookie) {
        return Await.result(web.get(service.httpPort(), "127.0.0.1", "/api/me").putHeader("Cookie", cookie).send())
                .statusCode();
    }

    @Test
    void aBrowserOpeningTheBoardWithoutLoginIsSentToTheLoginPageWhichIsServedWithoutLogin() {
        HttpResponse<Buffer> page = Await.result(web.get(app.httpPort(), "127.0.0.1", "/")
                .putHeader("Sec-Fetch-Mode", "navigate").followRedirects(false).send());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.getHeader("Location")).isEqualTo("/login.html");
        assertThat(page.getHeader("WWW-Authenticate")).isNull(); // no password dialog in front of the login page
        HttpResponse<Buffer> login = Await.result(web.get(app.httpPort(), "127.0.0.1", "/login.html").send());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.bodyAsString()).contains("<script type=\"module\" src=\"login.js\"></script>");
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/login.js").send()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerForbidsFramingSniffingInlineScriptAndForeignReferrers() {
        for (HttpResponse<Buffer> r : new HttpResponse[] {get("duty", "/"), get("duty", "/api/incidents"),
                Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents").send()),
                Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send()),
                Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack/not-a-token").send()),
                get("duty", "/api/nope")}) {
            assertThat(r.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'")
                    .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
            assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        }
    }

    @Test
    void thePagesHaveNoInlineScriptsOrHandlers() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        for (String page : new String[] {"index.html", "ack.html", "login.html"}) {
            String html = new String(getClass().getResourceAsStream("/webroot/" + page).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(inlineScript.matcher(html).find()).as(page + " inline script").isFalse();
            assertThat(handler.matcher(html).find()).as(page + " inline handler").isFalse();
        }
    }

    @Test
    void noBodyIsReadOrKeptBeforeTheLoginAndNoUploadWhereNoneIsExpected() {
        Buffer upload = multipart(60 * 1024);
        for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> anonymous = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents")
                    .putHeader("Content-Type", "multipart/form-data; boundary=XyZ").sendBuffer(upload));
            assertThat(anonymous.statusCode()).isIn(401, 415);
        }
        HttpResponse<Buffer> anonymousJson = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/silences")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(new byte[200_000])));
        assertThat(anonymousJson.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> loggedIn = Await.result(basic(HttpMethod.POST, "duty", "/api/incidents/x/comments")
                .putHeader("Content-Type", "multipart/form-data; boundary=XyZ").sendBuffer(upload));
        assertThat(loggedIn.statusCode()).isEqualTo(415);
        HttpResponse<Buffer> huge = Await.result(basic(HttpMethod.POST, "duty", "/api/silences")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(" ".repeat(100_000) + "{}")));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.bodyAsJsonObject().getString("error")).isEqualTo("too_large");
        assertThat(Files.exists(UPLOADS)).as("./file-uploads").isFalse();
    }

    @Test
    void badInputIsA4xxWithItsReason() {
        // the fuzz's first find: a GET with a multipart Content-Type was a 500 ("Request method must be one of POST…")
        HttpResponse<Buffer> multipartGet = Await.result(basic(HttpMethod.GET, "duty", "/api/incidents")
                .putHeader("Content-Type", "multipart/form-data; boundary=x").send());
        assertThat(multipartGet.statusCode()).isEqualTo(415);
        assertThat(multipartGet.bodyAsJsonObject().getString("message")).contains("multipart/form-data");
        HttpResponse<Buffer> malformed = Await.result(basic(HttpMethod.POST, "duty", "/api/silences")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"enterprise\":")));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
        HttpResponse<Buffer> badEscape = Await.result(basic(HttpMethod.GET, "duty", "/api/incidents/%zz").send());
        assertThat(badEscape.statusCode()).isEqualTo(400);
        assertThat(badEscape.bodyAsJsonObject().getString("message")).contains("%-escape");
    }

    @Test
    void anEnterpriseSeesItsIncidentsDeliveriesWithoutStaffAddressesOrProviderErrors() throws Exception {
        provider.refuseNext(1_000); // every attempt fails, with the provider's own words
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        JsonObject duty = Await.until(() -> {
            JsonArray all = get("duty", "/api/deliveries").bodyAsJsonArray();
            return all.isEmpty() || all.getJsonObject(0).getJsonObject("delivery").getString("lastError") == null
                    ? null : all.getJsonObject(0).getJsonObject("delivery");
        }, () -> get("duty", "/api/deliveries").bodyAsString());
        assertThat(duty.getString("address")).isEqualTo("member-1");
        assertThat(duty.getString("lastError")).contains("503");

        JsonArray theirs = get("ent-a-viewer", "/api/deliveries").bodyAsJsonArray();
        assertThat(theirs).isNotEmpty();
        JsonObject seen = theirs.getJsonObject(0).getJsonObject("delivery");
        assertThat(seen.getString("recipient")).isEqualTo("Member One");
        assertThat(seen.getValue("address")).isNull();
        assertThat(seen.getValue("lastError")).isNull();
        assertThat(seen.getValue("providerId")).isNull();
        String incident = theirs.getJsonObject(0).getString("incidentId");
        for (String path : new String[] {"/api/incidents/" + incident, "/api/incidents/" + incident + "/record"}) {
            String body = get("ent-a-viewer", path).bodyAsString();
            assertThat(body).as(path).contains("Member One")
                    .doesNotContain("\"address\":\"member-1\"", "HTTP 503", "busy");
        }
        assertThat(get("duty", "/api/incidents/" + incident).bodyAsString())
                .contains("\"address\":\"member-1\"", "HTTP 503 busy");
    }

    private HttpResponse<Buffer> login(String user, String password) {
        return Await.result(web.post(app.httpPort(), "127.0.0.1", "/login")
                .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
    }

    private HttpRequest<Buffer> withCookie(HttpMethod method, String path, String cookie) {
        return web.request(method, app.httpPort(), "127.0.0.1", path).putHeader("Cookie", cookie)
                .putHeader("Origin", "http://127.0.0.1:" + app.httpPort());
    }

    private HttpRequest<Buffer> basic(HttpMethod method, String user, String path) {
        return web.request(method, app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD);
    }

    private HttpResponse<Buffer> get(String user, String path) {
        return Await.result(basic(HttpMethod.GET, user, path).send());
    }

    private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }

    private static JsonObject silence() {
        return new JsonObject().put("enterprise", "ent-a").put("minutes", 60).put("reason", "detector calibration");
    }

    private static Buffer multipart(int size) {
        return Buffer.buffer("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "A".repeat(size) + "\r\n--XyZ--\r\n");
    }

    private static void deleteUploads() throws IOException {
        if (Files.isDirectory(UPLOADS)) {
            try (var files = Files.walk(UPLOADS)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
