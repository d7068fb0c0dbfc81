package io.hazardwatch.notify.voice;

import static io.hazardwatch.notify.Samples.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.sms.AliyunFake;
import io.hazardwatch.notify.sms.AliyunRpcSignature;
import io.vertx.core.Vertx;
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
class AliyunVoiceNotifierTest {

    private static final String KEY_ID = "LTAI5tVoiceKeyId";
    private static final String KEY_SECRET = "aliyun-voice-secret-0123456789";
    private static final String OK = "{\"Code\":\"OK\",\"Message\":\"OK\",\"CallId\":\"116012354148^102813780\","
            + "\"RequestId\":\"D9CB3933-9FE3-4870-BA8E-2BEE91B69D23\"}";

    private LocalProvider aliyun;
    private WebClient client;
    private final Notification leak = Samples.ammoniaLeak("voice", "+8613800138000");

    @BeforeEach
    void start(Vertx vertx) {
        aliyun = AliyunFake.start(vertx, KEY_ID, KEY_SECRET, OK);
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        aliyun.stop();
    }

    private AliyunVoiceNotifier notifier(String secret) {
        VoiceConfig config = VoiceConfig.load(Settings.of(Map.of(
                "notify.voice.provider", "aliyun",
                "notify.voice.aliyun.endpoint", aliyun.baseUrl(),
                "notify.voice.aliyun.access-key-id", KEY_ID,
                "notify.voice.aliyun.access-key-secret", secret,
                "notify.voice.aliyun.tts-code", "TTS_10001",
                "notify.voice.aliyun.tts-params", "{\"level\":\"${level}\",\"site\":\"${subject}\"}",
                "notify.voice.aliyun.called-show-number", "057188773344")), Duration.ofSeconds(5));
        return (AliyunVoiceNotifier) config.notifier(client, CLOCK);
    }

    @Test
    void placesASignedSingleCallByTtsThatTheProviderVerifies() {
        Delivery delivery = Await.result(notifier(KEY_SECRET).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("voice", "116012354148^102813780"));
        Received r = aliyun.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = r.form();
        assertThat(form).containsEntry("Action", "SingleCallByTts").containsEntry("Version", "2017-05-25")
                .containsEntry("Format", "JSON").containsEntry("RegionId", "cn-hangzhou")
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("Timestamp", "2026-11-24T08:00:00Z")
                .containsEntry("CalledNumber", "13800138000").containsEntry("CalledShowNumber", "057188773344")
                .containsEntry("TtsCode", "TTS_10001").containsEntry("PlayTimes", "2")
                .containsEntry("OutId", leak.id()).containsKey("SignatureNonce");
        assertThat(form.get("Signature")).isEqualTo(AliyunRpcSignature.sign("POST", form, KEY_SECRET));
        JsonObject params = new JsonObject(form.get("TtsParam"));
        assertThat(params.getString("level")).isEqualTo("SECOND");
        assertThat(params.getString("site")).isEqualTo(leak.subject());
        assertThat(form.values()).noneMatch(v -> v.contains(KEY_SECRET));
    }

    @Test
    void aWrongSecretIsRejectedByTheSignatureCheckAndNotRetryable() {
        NotifyException e = Await.failure(notifier("not-the-secret").send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("SignatureDoesNotMatch").doesNotContain("not-the-secret");
    }

    @Test
    void throttlingIsRetryable() {
        aliyun.answer(Reply.json(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied\"}"));

        assertThat(Await.failure(notifier(KEY_SECRET).send(leak)).retryable()).isTrue();
    }

    @Test
    void aNumberOutsideTheMainlandIsRefusedBeforeAnyRequest() {
        NotifyException e = Await.failure(notifier(KEY_SECRET).send(Samples.ammoniaLeak("voice", "+4915112345678")));

        assertThat(e.retryable()).isFalse();
        assertThat(aliyun.received()).isEmpty();
    }
}
