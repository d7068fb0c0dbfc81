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
class FeishuRobotNotifierTest {

    private static final String HOOK = "0f6e7b3c-2c4d-4e5f-9a8b-7c6d5e4f3a2b";
    private static final String SECRET = "fS3cr3tForTheBot";
    private static final String OK = "{\"code\":0,\"msg\":\"success\",\"data\":{}}";

    private RobotFixture fx;
    private final Notification leak = Samples.ammoniaLeak("feishu", "squad");

    @BeforeEach
    void start(Vertx vertx) {
        fx = new RobotFixture(vertx);
        fx.platform.answer(r -> signatureIsValid(new JsonObject(r.body())) ? Reply.json(200, OK)
                : Reply.json(200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour\"}"));
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    /** Feishu's documented check: key = timestamp + "\n" + secret, HmacSHA256 over no data, Base64. */
    private static boolean signatureIsValid(JsonObject body) {
        try {
            String timestamp = body.getString("timestamp");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0])).equals(body.getString("sign"));
        } catch (Exception e) {
            return false;
        }
    }

    private FeishuRobotNotifier notifier(RobotKey key, String messageType) {
        RobotConfig config = RobotConfig.of(fx.platform.baseUrl(), Map.of("squad", key), messageType);
        return new FeishuRobotNotifier(config, fx.client, CLOCK, fx.nanos::get);
    }

    @Test
    void postsASignedRichTextMessageToTheHookThatThePlatformVerifies() {
        Delivery delivery = Await.result(notifier(RobotKey.signed(HOOK, SECRET), null).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("feishu", leak.id()));
        Received r = fx.platform.only();
        assertThat(r.path()).isEqualTo("/open-apis/bot/v2/hook/" + HOOK);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(body.getString("msg_type")).isEqualTo("post");
        JsonObject post = body.getJsonObject("content").getJsonObject("post").getJsonObject("zh_cn");
        assertThat(post.getString("title")).isEqualTo(leak.subject());
        assertThat(post.getJsonArray("content").getJsonArray(0).getJsonObject(0).getString("text"))
                .contains(leak.body());
    }

    @Test
    void aWrongSecretIsRejectedAndNotRetryable() {
        NotifyException e = Await.failure(notifier(RobotKey.signed(HOOK, "not-the-secret"), null).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("19021").doesNotContain(HOOK);
    }

    @Test
    void anUnsignedBotSendsTextWithoutTimestampOrSign() {
        fx.platform.answer(Reply.json(200, OK));

        Await.result(notifier(RobotKey.unsigned(HOOK), "text").send(leak));

        JsonObject body = new JsonObject(fx.platform.only().body());
        assertThat(body.containsKey("sign")).isFalse();
        assertThat(body.getString("msg_type")).isEqualTo("text");
        assertThat(body.getJsonObject("content").getString("text")).contains(leak.subject(), leak.body());
    }

    @Test
    void theOlderStatusCodeReplyShapeCountsAsAccepted() {
        fx.platform.answer(Reply.json(200, "{\"Extra\":null,\"StatusCode\":0,\"StatusMessage\":\"success\"}"));

        assertThat(Await.result(notifier(RobotKey.unsigned(HOOK), null).send(leak)).channel()).isEqualTo("feishu");
    }

    @Test
    void frequencyLimitedIsRetryable() {
        fx.platform.answer(Reply.json(200, "{\"code\":11232,\"msg\":\"frequency limited\"}"));

        NotifyException e = Await.failure(notifier(RobotKey.signed(HOOK, SECRET), null).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aMessageWithALinkGoesAsASignedInteractiveCardWithAButtonToTheLink() {
        io.hazardwatch.notify.Notification linked = io.hazardwatch.notify.Samples.ammoniaLeakWithLink("feishu", "squad");

        Await.result(notifier(RobotKey.signed(HOOK, SECRET), null).send(linked));

        JsonObject body = new JsonObject(fx.platform.only().body());
        assertThat(body.getString("msg_type")).isEqualTo("interactive");
        JsonObject card = body.getJsonObject("card");
        assertThat(card.getJsonObject("header").getJsonObject("title").getString("content")).isEqualTo(linked.subject());
        assertThat(card.getJsonObject("header").getString("template")).isEqualTo("red");
        assertThat(card.getJsonArray("elements").getJsonObject(0).getJsonObject("text").getString("content"))
                .isEqualTo(linked.body());
        JsonObject button = card.getJsonArray("elements").getJsonObject(1).getJsonArray("actions").getJsonObject(0);
        assertThat(button.getString("tag")).isEqualTo("button");
        assertThat(button.getJsonObject("text").getString("content")).isEqualTo("确认收到");
        assertThat(button.getString("url")).isEqualTo("https://board.example.cn/ack/AbC123");
    }
}
