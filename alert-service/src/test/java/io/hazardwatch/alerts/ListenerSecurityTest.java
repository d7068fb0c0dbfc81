package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.testsupport.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's listener: HTTPS when {@code alert.http.tls.*} is set (a self-signed certificate made with openssl), and
 * production mode — on an address other machines reach, the demo's users file stops start-up.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerSecurityTest {

    @TempDir
    Path dir;

    private Path selfSigned() throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", dir.resolve("board.key").toString(), "-out", dir.resolve("board.crt").toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(output).isZero();
        return dir.resolve("board.crt");
    }

    private AlertServiceConfig config(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("kafka.bootstrap", "127.0.0.1:" + FreePort.find());
        return TestFiles.config(dir, TestFiles.quietPolicy(), all);
    }

    @Test
    void withACertificateTheBoardAnswersOverHttpsAndNotInPlainText(Vertx vertx) throws Exception {
        Path crt = selfSigned();
        AlertServiceConfig config = config(Map.of("alert.http.tls.cert-file", crt.toString(),
                "alert.http.tls.key-file", dir.resolve("board.key").toString()));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));
        try {
            WebClient https = WebClient.create(vertx, new WebClientOptions().setSsl(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(crt.toString())));
            HttpResponse<Buffer> active = Await.result(https.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                    .basicAuthentication("duty", TestFiles.PASSWORD).send());
            assertThat(active.statusCode()).isEqualTo(200);

            WebClient plain = WebClient.create(vertx);
            assertThatThrownBy(() -> Await.result(plain.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                    .basicAuthentication("duty", TestFiles.PASSWORD).send())).isNotNull();
            assertThat(config.feedback().publicUrl()).startsWith("https://");
        } finally {
            Await.result(app.stop());
        }
    }

    @Test
    void onAReachableAddressTheDemoUsersFileStopsStartUpNamingTheLoginsAndTheTool(Vertx vertx) throws Exception {
        AlertServiceConfig config = config(Map.of("alert.http.host", "0.0.0.0",
                "alert.ack.secret", "an-acknowledge-link-secret-of-40-characters",
                "alert.board.session-secret", "a-board-session-secret-of-40-characters!"));
        Files.copy(Path.of("..", "deploy", "config", "users.yaml"), config.usersFile(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Await.result(AlertServiceApp.start(vertx, config)))
                .cause().isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alert.users.file: login(s) admin, duty, duty2, grid1, hengda")
                .hasMessageContaining("alert.http.host=0.0.0.0")
                .hasMessageContaining("bin/hw passwords");
    }

    @Test
    void onLoopbackTheDemoUsersFileStillStarts(Vertx vertx) throws Exception {
        AlertServiceConfig config = config(Map.of());
        Files.copy(Path.of("..", "deploy", "config", "users.yaml"), config.usersFile(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));

        assertThat(app.httpPort()).isPositive();
        Await.result(app.stop());
    }

    @Test
    void aReloadedUsersFileWithADemoHashIsRefusedOnAReachableAddressOnly() throws Exception {
        AlertServiceConfig reachable = config(Map.of("alert.http.host", "0.0.0.0",
                "alert.ack.secret", "an-acknowledge-link-secret-of-40-characters",
                "alert.board.session-secret", "a-board-session-secret-of-40-characters!"));
        Path edited = Files.writeString(dir.resolve("edited-users.yaml"), TestFiles.USERS + "  - {username: late, "
                + "role: ADMIN, passwordHash: \"$2a$10$10jTJZPhzZ.nemPlQRVRq.qjWk3tSQ/7RVVl2/rYTClhFoD/vCaWu\"}\n");

        assertThatThrownBy(() -> io.hazardwatch.alerts.auth.ProductionUsers.load(reachable, edited))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.users.file: login(s) late still");
        assertThat(io.hazardwatch.alerts.auth.ProductionUsers.load(config(Map.of()), edited).stored("late")).isPresent();
    }
}
