package io.hazardwatch.notify.sms;

import static io.hazardwatch.notify.Samples.CLOCK;
import static io.hazardwatch.notify.Samples.NOW;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TencentSmsNotifierTest {

    static final String SECRET_ID = "AKIDtestSecretId0000000000000000";
    static final String SECRET_KEY = "tencent-test-secret-key-000000";
    private static final String OK = """
            {"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619","PhoneNumber":"+8613800138000",
             "Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}],
             "RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}""";

    private LocalProvider tencent;
    private WebClient client;
    private final Notification leak = Samples.ammoniaLeak("sms", "+8613800138000");

    @BeforeEach
    void start(Vertx vertx) {
        tencent = LocalProvider.start(vertx);
        client = WebClient.create(vertx);
        tencent.answer(r -> authorizationIsValid(r) ? Reply.json(200, OK) : Reply.json(200, """
                {"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"signature mismatch"},
                 "RequestId":"x"}}"""));
    }

    @AfterEach
    void stop() {
        client.close();
        tencent.stop();
    }

    /** Tencent's check: recompute TC3-HMAC-SHA256 over the host, content type and body that arrived. */
    static boolean authorizationIsValid(Received r) {
        return authorizationIsValid(r, "sms");
    }

    static boolean authorizationIsValid(Received r, String service) {
        long timestamp = Long.parseLong(r.header("X-TC-Timestamp"));
        String expected = Tc3Signature.authorization(SECRET_ID, SECRET_KEY, service, r.header("Host"), timestamp, r.body());
        return r.header("Content-Type").equals(Tc3Signature.CONTENT_TYPE) && expected.equals(r.header("Authorization"));
    }

    private TencentSmsNotifier notifier(String secretKey) {
        SmsTemplate template = new SmsTemplate("园区应急", "1234567", "[\"${subject}\",\"${level}\"]");
        return new TencentSmsNotifier(new TencentSmsConfig(tencent.baseUrl(), SECRET_ID, Secret.of(secretKey), null,
                "1400000001", template, null), client, CLOCK);
    }

    @Test
    void sendsASignedSendSmsCallThatTheProviderVerifies() {
        Delivery delivery = Await.result(notifier(SECRET_KEY).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("sms", "5000:1045710669157053657849499619"));
        Received r = tencent.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.header("X-TC-Action")).isEqualTo("SendSms");
        assertThat(r.header("X-TC-Version")).isEqualTo("2021-01-11");
        assertThat(r.header("X-TC-Region")).isEqualTo("ap-guangzhou");
        assertThat(r.header("X-TC-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(r.header("Authorization")).startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID
                + "/2026-11-24/sms/tc3_request, SignedHeaders=content-type;host, Signature=");
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getJsonArray("PhoneNumberSet").getString(0)).isEqualTo("+8613800138000");
        assertThat(body.getString("SmsSdkAppId")).isEqualTo("1400000001");
        assertThat(body.getString("SignName")).isEqualTo("园区应急");
        assertThat(body.getString("TemplateId")).isEqualTo("1234567");
        assertThat(body.getJsonArray("TemplateParamSet").getList()).containsExactly(leak.subject(), "SECOND");
        assertThat(body.getString("SessionContext")).isEqualTo(leak.id());
    }

    @Test
    void aWrongSecretKeyFailsTheSignatureCheckAndIsNotRetryable() {
        NotifyException e = Await.failure(notifier("wrong-key").send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("AuthFailure.SignatureFailure");
    }

    @Test
    void thePerNumberThirtySecondLimitIsRetryableAfterThirtySeconds() {
        tencent.answer(Reply.json(200, """
                {"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8613800138000","Fee":0,
                 "Code":"LimitExceeded.PhoneNumberThirtySecondLimit","Message":"too often"}],"RequestId":"r"}}"""));

        NotifyException e = Await.failure(notifier(SECRET_KEY).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theApiRequestLimitIsRetryable() {
        tencent.answer(Reply.json(200,
                "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow\"},\"RequestId\":\"r\"}}"));

        assertThat(Await.failure(notifier(SECRET_KEY).send(leak)).retryable()).isTrue();
    }

    @Test
    void aDailyLimitOrBadNumberIsNotRetryable() {
        tencent.answer(Reply.json(200, """
                {"Response":{"SendStatusSet":[{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily"}],
                 "RequestId":"r"}}"""));

        assertThat(Await.failure(notifier(SECRET_KEY).send(leak)).retryable()).isFalse();
    }

    @Test
    void aGatewayErrorIsRetryable() {
        tencent.answer(Reply.status(502));

        assertThat(Await.failure(notifier(SECRET_KEY).send(leak)).retryable()).isTrue();
    }
}
