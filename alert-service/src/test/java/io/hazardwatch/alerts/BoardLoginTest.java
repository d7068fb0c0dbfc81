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
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, the board's logins through the real service: a board stays logged in across a restart of the service
 * (its cookie is signed with {@code alert.board.session-secret}), and password guessing on {@code POST /login} and
 * Basic is throttled per username and source address (each client below comes from its own loopback address).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoardLoginTest {

    private static final String SECRET = "board-session-secret-for-tests-0123456789";

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private Vertx vertx;
    private Path dir;
    private ProviderFake provider;
    private AlertServiceApp app;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        this.dir = dir;
        provider = ProviderFake.start(vertx);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            Await.result(app.stop());
        }
        provider.close();
    }

    @Test
    void afterRepeatedWrongPasswordsEvenTheRightOneIsRefusedUncheckedFromThatAddressAndForThatUsername() {
        app = startService(Map.of("login.throttle-after-failures", "3",
                // long enough that every step below runs while throttled
                "login.throttle-first-delay-seconds", "30", "login.throttle-max-delay-seconds", "60"));
        WebClient desk = from("127.0.0.3");
        WebClient guesser = from("127.0.0.4");
        WebClient elsewhere = from("127.0.0.5");
        assertThat(login(desk, "duty", TestFiles.PASSWORD).statusCode()).as("the duty desk, before").isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertThat(login(guesser, "duty", "guess-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<Buffer> right = login(guesser, "duty", TestFiles.PASSWORD);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.bodyAsJsonObject().getString("error")).isEqualTo("login_throttled");
        assertThat(Integer.parseInt(right.getHeader("Retry-After"))).isBetween(1, 30);
        assertThat(right.cookies()).isEmpty();
        HttpResponse<Buffer> basic = Await.result(guesser.get(app.httpPort(), "127.0.0.1", "/api/me")
                .basicAuthentication("duty", TestFiles.PASSWORD).send());
        assertThat(basic.statusCode()).as("Basic is throttled too").isEqualTo(429);
        assertThat(login(guesser, "grid1", TestFiles.PASSWORD).statusCode()).as("the address, any username")
                .isEqualTo(429);

        // another address logs in; the guessed username only where it logged in before
        assertThat(login(elsewhere, "grid1", TestFiles.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(login(elsewhere, "duty", TestFiles.PASSWORD).statusCode()).isEqualTo(429);
        assertThat(login(desk, "duty", TestFiles.PASSWORD).statusCode()).as("the duty desk, after").isEqualTo(200);
    }

    @Test
    void anUnknownUsernameIsAnsweredAsAWrongPasswordAndCountsTowardsThrottling() {
        app = startService(Map.of("login.throttle-after-failures", "3", "login.throttle-first-delay-seconds", "30"));
        WebClient guesser = from("127.0.0.6");
        HttpResponse<Buffer> wrongPassword = login(guesser, "grid2", "guess");

        HttpResponse<Buffer> unknown = login(guesser, "no-such-user", "guess");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.bodyAsString()).isEqualTo(wrongPassword.bodyAsString());
        login(guesser, "no-such-user-2", "guess");
        assertThat(login(guesser, "grid2", TestFiles.PASSWORD).statusCode()).isEqualTo(429);
        assertThat(login(from("127.0.0.7"), "grid2", TestFiles.PASSWORD).statusCode())
                .as("one failure of grid2 itself").isEqualTo(200);
    }

    @Test
    void aBoardStaysLoggedInAcrossARestartWithTheSameSecretAndItsCsrfTokenStillWorks() {
        Map<String, String> settings = Map.of("alert.board.session-secret", SECRET);
        app = startService(settings);
        WebClient board = from("127.0.0.1");
        HttpResponse<Buffer> ok = login(board, "duty", TestFiles.PASSWORD);
        String cookie = cookie(ok);
        String csrf = ok.bodyAsJsonObject().getString("csrfToken");

        restart(settings);

        HttpResponse<Buffer> me = Await.result(withCookie(board, HttpMethod.GET, "/api/me", cookie).send());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getString("username")).isEqualTo("duty");
        assertThat(me.bodyAsJsonObject().getString("csrfToken")).isEqualTo(csrf);
        HttpResponse<Buffer> change = Await.result(withCookie(board, HttpMethod.POST, "/api/silences", cookie)
                .putHeader("X-CSRF-Token", csrf).sendJsonObject(new JsonObject().put("enterprise", "ent-a")
                        .put("minutes", 60).put("reason", "detector calibration")));
        assertThat(change.statusCode()).isEqualTo(201);

        // a logout ends it, on this service
        assertThat(Await.result(withCookie(board, HttpMethod.POST, "/logout", cookie).send()).statusCode())
                .isEqualTo(204);
        assertThat(Await.result(withCookie(board, HttpMethod.GET, "/api/me", cookie).send()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRestartWithAnotherSecretLogsTheBoardOut() {
        app = startService(Map.of("alert.board.session-secret", SECRET));
        WebClient board = from("127.0.0.1");
        String cookie = cookie(login(board, "duty", TestFiles.PASSWORD));

        restart(Map.of("alert.board.session-secret", SECRET.replace('0', 'x')));

        assertThat(Await.result(withCookie(board, HttpMethod.GET, "/api/me", cookie).send()).statusCode())
                .isEqualTo(401);
    }

    private AlertServiceApp startService(Map<String, String> settings) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        AlertServiceApp started = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(),
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(started.loaded());
        return started;
    }

    private void restart(Map<String, String> settings) {
        Await.result(app.stop());
        app = null;
        app = startService(new HashMap<>(settings));
    }

    private WebClient from(String localAddress) {
        return WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress));
    }

    private HttpResponse<Buffer> login(WebClient client, String user, String password) {
        return Await.result(client.post(app.httpPort(), "127.0.0.1", "/login")
                .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
    }

    private HttpRequest<Buffer> withCookie(WebClient client, HttpMethod method, String path, String cookie) {
        return client.request(method, app.httpPort(), "127.0.0.1", path).putHeader("Cookie", cookie)
                .putHeader("Origin", "http://127.0.0.1:" + app.httpPort());
    }

    private static String cookie(HttpResponse<Buffer> login) {
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.cookies().get(0);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
