package io.hazardwatch.notify.http;

import static io.hazardwatch.notify.Samples.CLOCK;
import static io.hazardwatch.notify.Samples.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.Hmac;
import io.hazardwatch.testsupport.FreePort;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GenericHttpNotifierTest {

    private static final String SECRET = "s3cr3t-signing-key";
    private static final String BODY = """
            {"to":"${recipient.address}","title":"${subject}","text":"${body}","level":"${level}",
             "dedup":"${id}","incident":"${incidentKey}"}""";

    private LocalProvider provider;
    private WebClient client;
    private final Notification leak = Samples.ammoniaLeak("gateway", "+8613800138000");

    @BeforeEach
    void startProvider(Vertx vertx) {
        provider = LocalProvider.start(vertx);
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stopProvider() {
        client.close();
        provider.stop();
    }

    private GenericHttpNotifier notifier(HttpTemplate template) {
        return new GenericHttpNotifier(template, client, CLOCK);
    }

    private HttpTemplate template() {
        return HttpTemplate.jsonPost("gateway", provider.baseUrl() + "/hooks/${incidentKey}", BODY)
                .withHeaders(Map.of("X-Tenant", "park-7"), Map.of("Authorization", Secret.of("Bearer tok-123")))
                .withSigning(new HttpTemplate.Signing(Secret.of(SECRET), "X-Signature", "X-Timestamp"))
                .withProviderIdPointer("/data/messageId");
    }

    @Test
    void postsTheFilledInJsonTemplateWithHeadersAndAVerifiableSignature() {
        provider.answer(Reply.json(200, "{\"data\":{\"messageId\":\"m-981\"}}"));

        Delivery delivery = Await.result(notifier(template()).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("gateway", "m-981"));
        Received r = provider.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/hengda%2Ftank-farm%2Fnh3-01");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-Tenant")).isEqualTo("park-7");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok-123");
        JsonObject json = new JsonObject(r.body());
        assertThat(json.getString("to")).isEqualTo("+8613800138000");
        assertThat(json.getString("title")).isEqualTo(leak.subject());
        assertThat(json.getString("text")).isEqualTo(leak.body());
        assertThat(json.getString("level")).isEqualTo("SECOND");
        assertThat(json.getString("dedup")).isEqualTo(leak.id());
        assertThat(json.getString("incident")).isEqualTo(leak.incidentKey());
        String timestamp = r.header("X-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(r.header("X-Signature")).isEqualTo(Hmac.sha256Hex(SECRET, timestamp + "." + r.body()));
    }

    @Test
    void aSignatureOverADifferentBodyDoesNotMatch() {
        Delivery delivery = Await.result(notifier(template()).send(leak));

        assertThat(delivery.providerId()).as("no id in the reply: falls back to the notification id")
                .isEqualTo(leak.id());
        Received r = provider.only();
        assertThat(r.header("X-Signature"))
                .isNotEqualTo(Hmac.sha256Hex(SECRET, r.header("X-Timestamp") + "." + r.body() + " "))
                .isNotEqualTo(Hmac.sha256Hex("other-secret", r.header("X-Timestamp") + "." + r.body()));
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheProvidersRetryAfter() {
        provider.answer(Reply.json(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "17"));

        NotifyException e = Await.failure(notifier(template()).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        assertThat(e.getMessage()).contains("gateway", "429");
    }

    @Test
    void retryAfterAsAnHttpDateBecomesTheDelayFromNow() {
        provider.answer(Reply.status(503).withHeader("Retry-After", "Tue, 24 Nov 2026 08:02:00 GMT"));

        NotifyException e = Await.failure(notifier(template()).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void serverErrorsAreRetryable() {
        provider.answer(Reply.json(502, "{\"error\":\"upstream\"}"));

        NotifyException e = Await.failure(notifier(template()).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isNull();
        assertThat(e.getMessage()).contains("502");
    }

    @Test
    void clientErrorsAreNotRetryable() {
        provider.answer(Reply.json(400, "{\"error\":\"bad phone number\"}"));

        NotifyException e = Await.failure(notifier(template()).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("400", "bad phone number");
    }

    @Test
    void aRejectedSignatureIsNotRetryable() {
        provider.answer(r -> Hmac.same(Hmac.sha256Hex("the-receivers-secret", r.header("X-Timestamp") + "." + r.body()),
                r.header("X-Signature")) ? Reply.status(204) : Reply.json(401, "{\"error\":\"bad signature\"}"));

        NotifyException e = Await.failure(notifier(template()).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401");
    }

    @Test
    void noServerListeningIsRetryable() {
        HttpTemplate nowhere = HttpTemplate.jsonPost("gateway", "http://127.0.0.1:" + FreePort.find() + "/x", BODY);

        NotifyException e = Await.failure(notifier(nowhere).send(leak));

        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aProviderThatNeverAnswersTimesOutAsRetryable(Vertx vertx) {
        int port = FreePort.find();
        Await.result(vertx.createHttpServer().requestHandler(req -> { }).listen(port, "127.0.0.1"));
        HttpTemplate silent = HttpTemplate.jsonPost("gateway", "http://127.0.0.1:" + port + "/x", BODY)
                .withTimeout(Duration.ofMillis(300));

        NotifyException e = Await.failure(notifier(silent).send(leak));

        assertThat(e.retryable()).isTrue();
    }

    @Test
    void errorMessagesMaskSecretsEchoedByTheProvider() {
        provider.answer(r -> Reply.json(403, "{\"error\":\"token Bearer tok-123 is not valid\"}"));

        NotifyException e = Await.failure(notifier(template()).send(leak));

        assertThat(e.getMessage()).doesNotContain("tok-123").contains("******");
    }

    @Test
    void messageTextCannotBreakTheJsonStructure() {
        Notification tricky = new Notification("id-1", "k", leak.recipient(), leak.level(),
                "\"},\"to\":\"+1999\"", "line1\nline2\t\\ \u0001");

        Await.result(notifier(template()).send(tricky));

        JsonObject json = new JsonObject(provider.only().body());
        assertThat(json.getString("to")).isEqualTo("+8613800138000");
        assertThat(json.getString("title")).isEqualTo(tricky.subject());
        assertThat(json.getString("text")).isEqualTo(tricky.body());
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderOrInvalidJsonIsRefusedAtConfigTime() {
        assertThatThrownBy(() -> HttpTemplate.jsonPost("gateway", "http://h/x", "{\"a\":\"${phone}\"}"))
                .hasMessageContaining("${phone}");
        assertThatThrownBy(() -> HttpTemplate.jsonPost("gateway", "http://h/x", "{\"a\":${body}}"))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> new HttpTemplate("gateway", "http://h/x", HttpMethod.GET, null, null, "{}", null,
                null, null)).hasMessageContaining("GET");
    }

    @Test
    void theTemplatesToStringHidesSecretHeadersAndTheSigningKey() {
        assertThat(template().toString()).doesNotContain("tok-123").doesNotContain(SECRET).contains("X-Signature");
    }
}
