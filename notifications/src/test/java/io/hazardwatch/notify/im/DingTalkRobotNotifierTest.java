package io.hazardwatch.notify.im;

import static io.hazardwatch.notify.Samples.CLOCK;
import static io.hazardwatch.notify.Samples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DingTalkRobotNotifierTest {

    private static final String TOKEN = "a1b2c3d4e5f6-access-token";
    private static final String SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    private RobotFixture fx;
    private final Notification leak = Samples.ammoniaLeak("dingtalk", "grid-3");

    @BeforeEach
    void start(Vertx vertx) {
        fx = new RobotFixture(vertx);
        fx.platform.answer(r -> signatureIsValid(r) ? Reply.json(200, OK)
                : Reply.json(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    /** What DingTalk does, written from its documentation rather than from the notifier's code. */
    private static boolean signatureIsValid(Received r) {
        try {
            String timestamp = r.param("timestamp");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
            return TOKEN.equals(r.param("access_token")) && expected.equals(r.param("sign"));
        } catch (Exception e) {
            return false;
        }
    }

    private DingTalkRobotNotifier notifier(RobotKey key, String messageType) {
        RobotConfig config = RobotConfig.of(fx.platform.baseUrl(), Map.of("grid-3", key), messageType);
        return new DingTalkRobotNotifier(config, fx.client, CLOCK, fx.nanos::get);
    }

    @Test
    void signsWithTimestampAndUrlEncodedBase64HmacThatThePlatformRecomputes() {
        Delivery delivery = Await.result(notifier(RobotKey.signed(TOKEN, SECRET), null).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("dingtalk", leak.id()));
        Received r = fx.platform.only();
        assertThat(r.path()).isEqualTo("/robot/send");
        assertThat(r.param("timestamp")).isEqualTo(Long.toString(NOW.toEpochMilli()));
        String rawSign = r.rawQuery().replaceAll(".*[?&]?sign=([^&]*).*", "$1");
        assertThat(rawSign).as("Base64 is URL-encoded in the query").doesNotContain("+", "/", "=")
                .isNotEqualTo(r.param("sign"));
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("msgtype")).isEqualTo("markdown");
        assertThat(body.getJsonObject("markdown").getString("title")).isEqualTo(leak.subject());
        assertThat(body.getJsonObject("markdown").getString("text")).contains(leak.body());
    }

    @Test
    void aRobotWithoutSigningSendsOnlyItsAccessToken() {
        fx.platform.answer(Reply.json(200, OK));

        Await.result(notifier(RobotKey.unsigned(TOKEN), "text").send(leak));

        Received r = fx.platform.only();
        assertThat(r.param("access_token")).isEqualTo(TOKEN);
        assertThat(r.query().contains("sign")).isFalse();
        assertThat(r.query().contains("timestamp")).isFalse();
        assertThat(new JsonObject(r.body()).getJsonObject("text").getString("content")).contains(leak.body());
    }

    @Test
    void aSignatureWithTheWrongSecretIsRejectedAndNotRetryable() {
        NotifyException e = Await.failure(notifier(RobotKey.signed(TOKEN, "SECwrong"), null).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("310000").doesNotContain("SECwrong").doesNotContain(TOKEN);
    }

    @Test
    void errcode130101SendTooFastIsRetryableAfterDingTalksTenMinuteThrottle() {
        fx.platform.answer(Reply.json(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));

        NotifyException e = Await.failure(notifier(RobotKey.signed(TOKEN, SECRET), null).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theTwentyFirstMessageInAMinuteFailsFastWithoutARequest() {
        DingTalkRobotNotifier notifier = notifier(RobotKey.signed(TOKEN, SECRET), null);
        for (int i = 0; i < 20; i++) {
            Await.result(notifier.send(leak));
        }

        NotifyException e = Await.failure(notifier.send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fx.platform.received()).hasSize(20);
    }

    @Test
    void aMessageWithALinkGoesAsAnActionCardWithOneButtonToTheLink() {
        io.hazardwatch.notify.Notification linked = io.hazardwatch.notify.Samples.ammoniaLeakWithLink("dingtalk", "grid-3");

        Await.result(notifier(RobotKey.signed(TOKEN, SECRET), null).send(linked));

        JsonObject body = new JsonObject(fx.platform.only().body());
        assertThat(body.getString("msgtype")).isEqualTo("actionCard");
        JsonObject card = body.getJsonObject("actionCard");
        assertThat(card.getString("title")).isEqualTo(linked.subject());
        assertThat(card.getString("text")).isEqualTo("### " + linked.subject() + "\n" + linked.body());
        assertThat(card.getString("singleTitle")).isEqualTo("确认收到");
        assertThat(card.getString("singleURL")).isEqualTo("https://board.example.cn/ack/AbC123");
    }
}
