package io.hazardwatch.notify.sms;

import static io.hazardwatch.notify.Samples.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.config.Secret;
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
class AliyunSmsNotifierTest {

    private static final String KEY_ID = "LTAI5tTestKeyId";
    private static final String KEY_SECRET = "aliyun-test-secret-0123456789";
    private static final String OK = "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\","
            + "\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\"}";

    private LocalProvider aliyun;
    private WebClient client;
    private final Notification leak = Samples.ammoniaLeak("sms", "+8613800138000");

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

    private AliyunSmsNotifier notifier(String secret) {
        SmsTemplate template = new SmsTemplate("园区应急", "SMS_465312345",
                "{\"level\":\"${level}\",\"site\":\"${subject}\"}");
        return new AliyunSmsNotifier(new AliyunSmsConfig(aliyun.baseUrl(), KEY_ID, Secret.of(secret), null, template,
                null), client, CLOCK);
    }

    @Test
    void sendsASignedSendSmsFormThatTheProviderVerifies() {
        Delivery delivery = Await.result(notifier(KEY_SECRET).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("sms", "900619746936498440^0"));
        Received r = aliyun.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = r.form();
        assertThat(form).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("Format", "JSON").containsEntry("RegionId", "cn-hangzhou")
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("Timestamp", "2026-11-24T08:00:00Z")
                .containsEntry("PhoneNumbers", "8613800138000").containsEntry("SignName", "园区应急")
                .containsEntry("TemplateCode", "SMS_465312345").containsEntry("OutId", leak.id())
                .containsKey("SignatureNonce");
        JsonObject params = new JsonObject(form.get("TemplateParam"));
        assertThat(params.getString("level")).isEqualTo("SECOND");
        assertThat(params.getString("site")).isEqualTo(leak.subject());
        assertThat(form.values()).noneMatch(v -> v.contains(KEY_SECRET));
    }

    @Test
    void eachRequestHasAFreshNonce() {
        AliyunSmsNotifier notifier = notifier(KEY_SECRET);
        Await.result(notifier.send(leak));
        Await.result(notifier.send(leak));

        assertThat(aliyun.received().get(0).form().get("SignatureNonce"))
                .isNotEqualTo(aliyun.received().get(1).form().get("SignatureNonce"));
    }

    @Test
    void aWrongSecretIsRejectedByTheSignatureCheckAndNotRetryable() {
        NotifyException e = Await.failure(notifier("not-the-secret").send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("SignatureDoesNotMatch");
    }

    @Test
    void perNumberFlowControlIsRetryableAfterAMinute() {
        aliyun.answer(Reply.json(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控\"}"));

        NotifyException e = Await.failure(notifier(KEY_SECRET).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void apiThrottlingIsRetryable() {
        aliyun.answer(Reply.json(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied\"}"));

        assertThat(Await.failure(notifier(KEY_SECRET).send(leak)).retryable()).isTrue();
    }

    @Test
    void anIllegalNumberIsNotRetryable() {
        aliyun.answer(Reply.json(200, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\"}"));

        NotifyException e = Await.failure(notifier(KEY_SECRET).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("isv.MOBILE_NUMBER_ILLEGAL");
    }

    @Test
    void aServerErrorWithoutJsonIsRetryable() {
        aliyun.answer(Reply.status(503));

        assertThat(Await.failure(notifier(KEY_SECRET).send(leak)).retryable()).isTrue();
    }

    @Test
    void aRecipientWithoutAnE164NumberIsRefusedBeforeAnyRequest() {
        NotifyException e = Await.failure(notifier(KEY_SECRET).send(Samples.ammoniaLeak("sms", "13800138000")));

        assertThat(e.retryable()).isFalse();
        assertThat(aliyun.received()).isEmpty();
    }
}
