package io.hazardwatch.notify.voice;

import static io.hazardwatch.notify.Samples.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpVoiceNotifierTest {

    private static final String TOKEN = "Bearer voice-gw-token-123";
    private static final String BODY = "{\"to\":\"${recipient.address}\",\"text\":\"${subject}\",\"ref\":\"${id}\"}";

    private LocalProvider gateway;
    private WebClient client;
    private final Notification leak = Samples.ammoniaLeak("voice", "+8613800138000");

    @BeforeEach
    void start(Vertx vertx) {
        gateway = LocalProvider.start(vertx);
        client = WebClient.create(vertx);
        gateway.answer(r -> TOKEN.equals(r.header("X-Api-Key")) ? Reply.json(200, "{\"call\":{\"id\":\"c-77\"}}")
                : Reply.json(401, "{\"error\":\"bad key\"}"));
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.stop();
    }

    private Map<String, String> keys(String token) {
        Map<String, String> keys = new HashMap<>(Map.of("notify.voice.provider", "http",
                "notify.voice.http.url", gateway.baseUrl() + "/calls",
                "notify.voice.http.body-template", BODY,
                "notify.voice.http.auth-header", "X-Api-Key",
                "notify.voice.http.auth-token", token,
                "notify.voice.http.provider-id-pointer", "/call/id",
                "notify.voice.http.signing-secret", "sign-me"));
        return keys;
    }

    private Notifier notifier(String token) {
        return VoiceConfig.load(Settings.of(keys(token)), Duration.ofSeconds(5)).notifier(client, CLOCK);
    }

    @Test
    void postsTheFilledTemplateWithTheAuthHeaderAndSignature() {
        Delivery delivery = Await.result(notifier(TOKEN).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("voice", "c-77"));
        Received r = gateway.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/calls");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject().put("to", "+8613800138000")
                .put("text", leak.subject()).put("ref", leak.id()));
        assertThat(r.header("X-HW-Timestamp")).isEqualTo(Long.toString(Samples.NOW.getEpochSecond()));
        assertThat(WebhookSignature.verify("sign-me", r.header("X-HW-Timestamp"), r.body(),
                r.header("X-HW-Signature"))).isTrue();
    }

    @Test
    void aRefusedKeyIsNotRetryableAndNotEchoed() {
        NotifyException e = Await.failure(notifier("Bearer wrong-token").send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401").doesNotContain("wrong-token");
    }

    @Test
    void configErrorsNameTheirKey() {
        assertThatThrownBy(() -> VoiceConfig.load(Settings.of(Map.of("notify.voice.provider", "tencent")), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("notify.voice.provider");
        Map<String, String> bad = keys(TOKEN);
        bad.put("notify.voice.http.body-template", "{\"to\":\"${phone}\"}");
        assertThatThrownBy(() -> VoiceConfig.load(Settings.of(bad), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("notify.voice.http.body-template");
        assertThatThrownBy(() -> VoiceConfig.load(Settings.of(Map.of("notify.voice.provider", "aliyun")), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("notify.voice.aliyun.");
    }
}
