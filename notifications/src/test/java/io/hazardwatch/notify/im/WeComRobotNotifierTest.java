package io.hazardwatch.notify.im;

import static io.hazardwatch.notify.Samples.CLOCK;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WeComRobotNotifierTest {

    private static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    private RobotFixture fx;
    private final Notification leak = Samples.ammoniaLeak("wecom", "duty-room");

    @BeforeEach
    void start(Vertx vertx) {
        fx = new RobotFixture(vertx);
        // the platform only knows our robot's key, as WeCom does
        fx.platform.answer(r -> KEY.equals(r.param("key")) ? Reply.json(200, OK)
                : Reply.json(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"));
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private WeComRobotNotifier notifier(String messageType, int perMinute) {
        RobotConfig config = RobotConfig.of(fx.platform.baseUrl(), Map.of("duty-room", RobotKey.unsigned(KEY)),
                messageType).withPerMinute(perMinute);
        return new WeComRobotNotifier(config, fx.client, CLOCK, fx.nanos::get);
    }

    @Test
    void postsAMarkdownMessageToTheRobotsWebhookKey() {
        Delivery delivery = Await.result(notifier(null, 20).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("wecom", leak.id()));
        Received r = fx.platform.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/cgi-bin/webhook/send");
        assertThat(r.param("key")).isEqualTo(KEY);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("msgtype")).isEqualTo("markdown");
        assertThat(body.getJsonObject("markdown").getString("content"))
                .startsWith("### " + leak.subject()).contains(leak.body(), "SECOND", leak.incidentKey());
    }

    @Test
    void sendsPlainTextWhenConfigured() {
        Await.result(notifier("text", 20).send(leak));

        JsonObject body = new JsonObject(fx.platform.only().body());
        assertThat(body.getString("msgtype")).isEqualTo("text");
        assertThat(body.getJsonObject("text").getString("content")).startsWith(leak.subject()).contains(leak.body());
    }

    @Test
    void cutsALongMarkdownMessageToWeComsFourKilobytes() {
        Notification storm = new Notification("id", "k", leak.recipient(), leak.level(), "Storm", "报警".repeat(3000));

        Await.result(notifier(null, 20).send(storm));

        String content = new JsonObject(fx.platform.only().body()).getJsonObject("markdown").getString("content");
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    }

    @Test
    void errcode45009IsTheRateLimitAndRetryableAfterAMinute() {
        fx.platform.answer(Reply.json(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));

        NotifyException e = Await.failure(notifier(null, 20).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(e.getMessage()).contains("45009");
    }

    @Test
    void aWrongKeyIsNotRetryableAndTheKeyIsNotInTheMessage() {
        RobotConfig config = RobotConfig.of(fx.platform.baseUrl(),
                Map.of("duty-room", RobotKey.unsigned("revoked-key-0001")), null);
        WeComRobotNotifier notifier = new WeComRobotNotifier(config, fx.client, CLOCK, fx.nanos::get);

        NotifyException e = Await.failure(notifier.send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("93000").doesNotContain("revoked-key-0001");
    }

    @Test
    void aRobotNameThatIsNotConfiguredIsRejectedWithoutARequest() {
        Notification lost = Samples.ammoniaLeak("wecom", "no-such-group");

        NotifyException e = Await.failure(notifier(null, 20).send(lost));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("no-such-group");
        assertThat(fx.platform.received()).isEmpty();
    }

    @Test
    void theClientSideLimitFailsFastWithRetryAfterAndRecoversAsTokensRefill() {
        WeComRobotNotifier notifier = notifier(null, 2);
        Await.result(notifier.send(leak));
        Await.result(notifier.send(leak));

        NotifyException e = Await.failure(notifier.send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fx.platform.received()).hasSize(2);

        fx.nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        Await.result(notifier.send(leak));
        assertThat(fx.platform.received()).hasSize(3);
    }

    @Test
    void aPlatformOutageIsRetryable() {
        fx.platform.answer(Reply.status(503));

        assertThat(Await.failure(notifier(null, 20).send(leak)).retryable()).isTrue();
    }

    @Test
    void anUnreadableOkIsRetryableRatherThanCountedAsSent() {
        fx.platform.answer(new Reply(200, Map.of(), "<html>gateway</html>"));

        assertThat(Await.failure(notifier(null, 20).send(leak)).retryable()).isTrue();
    }

    @Test
    void aMessageWithALinkGoesAsATextNoticeCardWhoseButtonAndCardOpenTheLink() {
        Notification linked = Samples.ammoniaLeakWithLink("wecom", "duty-room");

        Await.result(notifier(null, 20).send(linked));

        JsonObject body = new JsonObject(fx.platform.only().body());
        assertThat(body.getString("msgtype")).isEqualTo("template_card");
        JsonObject card = body.getJsonObject("template_card");
        assertThat(card.getString("card_type")).isEqualTo("text_notice");
        assertThat(card.getJsonObject("main_title").getString("title")).isEqualTo(linked.subject());
        assertThat(card.getString("sub_title_text")).isEqualTo(linked.body());
        assertThat(card.getJsonObject("card_action").getInteger("type")).isEqualTo(1);
        assertThat(card.getJsonObject("card_action").getString("url")).isEqualTo("https://board.example.cn/ack/AbC123");
        JsonObject jump = card.getJsonArray("jump_list").getJsonObject(0);
        assertThat(jump.getInteger("type")).isEqualTo(1);
        assertThat(jump.getString("title")).isEqualTo("确认收到");
        assertThat(jump.getString("url")).isEqualTo("https://board.example.cn/ack/AbC123");
    }
}
