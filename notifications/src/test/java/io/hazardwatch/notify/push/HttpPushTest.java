package io.hazardwatch.notify.push;

import static io.hazardwatch.notify.Samples.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpPushTest {

    @Test
    void pushesTheDeviceTokenAndMessageWithBearerAuthAndSignature(Vertx vertx) {
        LocalProvider gateway = LocalProvider.start(vertx);
        WebClient client = WebClient.create(vertx);
        try {
            gateway.answer(Reply.json(202, "{\"msgId\":\"p-77\"}"));
            HttpPush.Config config = new HttpPush.Config(gateway.baseUrl() + "/v1/push", null, Secret.of("push-token"),
                    Secret.of("push-signing"), "/msgId", null);
            Notification leak = Samples.ammoniaLeak("push", "device-token-abc");

            Delivery delivery = Await.result(HttpPush.notifier(config, client, CLOCK).send(leak));

            assertThat(delivery).isEqualTo(new Delivery("push", "p-77"));
            Received r = gateway.only();
            assertThat(r.path()).isEqualTo("/v1/push");
            assertThat(r.header("Authorization")).isEqualTo("Bearer push-token");
            assertThat(WebhookSignature.verify("push-signing", r.header("X-HW-Timestamp"), r.body(),
                    r.header("X-HW-Signature"))).isTrue();
            JsonObject body = new JsonObject(r.body());
            assertThat(body.getString("to")).isEqualTo("device-token-abc");
            assertThat(body.getString("title")).isEqualTo(leak.subject());
            assertThat(body.getString("body")).isEqualTo(leak.body());
            assertThat(body.getString("level")).isEqualTo("SECOND");
        } finally {
            client.close();
            gateway.stop();
        }
    }

    @Test
    void theChannelIsPush() {
        HttpPush.Config config = new HttpPush.Config("http://127.0.0.1:1/push", null, null, null, null, null);
        assertThat(HttpPush.template(config).channel()).isEqualTo("push");
    }
}
