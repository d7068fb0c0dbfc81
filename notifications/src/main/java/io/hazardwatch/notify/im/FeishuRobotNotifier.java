package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.signing.Hmac;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Feishu / Lark custom bot: {@code POST {endpoint}/open-apis/bot/v2/hook/{token}} with a {@code post} (title +
 * text) or {@code text} message. With signing on, the body carries {@code timestamp} (seconds) and
 * {@code sign} = Base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty)). code 11232 (frequency
 * limited) is retryable. Lark: endpoint {@code https://open.larksuite.com}.
 */
public final class FeishuRobotNotifier extends RobotNotifier {

    public static final String CHANNEL = "feishu";
    public static final String DEFAULT_ENDPOINT = "https://open.feishu.cn";
    private static final RobotReply REPLY = new RobotReply("code", "msg", Map.of(11232, Duration.ofMinutes(1)));

    public FeishuRobotNotifier(RobotConfig config, WebClient client, Clock clock, LongSupplier nanoTime) {
        super(CHANNEL, REPLY, "post", Set.of("post", "text"), config, client, clock, nanoTime);
    }

    @Override
    String url(RobotKey key) {
        return config.endpoint() + "/open-apis/bot/v2/hook/"
                + URLEncoder.encode(key.token().reveal(), StandardCharsets.UTF_8);
    }

    @Override
    JsonObject body(Notification n, RobotKey key) {
        return signed(message(n), key);
    }

    private JsonObject signed(JsonObject message, RobotKey key) {
        if (key.signingSecret() == null) {
            return message;
        }
        long timestamp = clock().instant().getEpochSecond();
        return message.put("timestamp", Long.toString(timestamp))
                .put("sign", sign(timestamp, key.signingSecret().reveal()));
    }

    /** Feishu's scheme: the string timestamp + "\n" + secret is the HMAC key; the data is empty. */
    static String sign(long timestampSeconds, String secret) {
        byte[] mac = Hmac.sha256((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), "");
        return Base64.getEncoder().encodeToString(mac);
    }

    JsonObject message(Notification n) {
        if (n.link() != null) {
            return RobotCards.feishu(n); // a card whose button opens the acknowledge link
        }
        if ("text".equals(messageType)) {
            return new JsonObject().put("msg_type", "text")
                    .put("content", new JsonObject().put("text", RobotText.plain(n, 20000)));
        }
        JsonArray paragraph = new JsonArray().add(new JsonObject().put("tag", "text")
                .put("text", RobotText.body(n, 20000)));
        return new JsonObject().put("msg_type", "post").put("content", new JsonObject().put("post",
                new JsonObject().put("zh_cn", new JsonObject().put("title", RobotText.title(n))
                        .put("content", new JsonArray().add(paragraph)))));
    }
}
