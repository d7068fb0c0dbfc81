package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.signing.Hmac;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * DingTalk (钉钉) custom robot: {@code POST {endpoint}/robot/send?access_token=T[&timestamp=ms&sign=S]}, where
 * S = URL-encoded Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)) when the robot has
 * signing on. errcode 130101 (over 20 a minute; DingTalk then throttles for 10 minutes) and -1 are retryable.
 */
public final class DingTalkRobotNotifier extends RobotNotifier {

    public static final String CHANNEL = "dingtalk";
    public static final String DEFAULT_ENDPOINT = "https://oapi.dingtalk.com";
    private static final RobotReply REPLY = new RobotReply("errcode", "errmsg",
            Map.of(130101, Duration.ofMinutes(10), -1, Duration.ofSeconds(5)));

    public DingTalkRobotNotifier(RobotConfig config, WebClient client, Clock clock, LongSupplier nanoTime) {
        super(CHANNEL, REPLY, "markdown", Set.of("markdown", "text"), config, client, clock, nanoTime);
    }

    @Override
    String url(RobotKey key) {
        String url = config.endpoint() + "/robot/send?access_token=" + encode(key.token().reveal());
        if (key.signingSecret() == null) {
            return url;
        }
        long timestamp = clock().millis();
        return url + "&timestamp=" + timestamp + "&sign=" + encode(sign(timestamp, key.signingSecret().reveal()));
    }

    /** Base64(HmacSHA256(secret, timestamp + "\n" + secret)), before URL encoding. */
    static String sign(long timestampMillis, String secret) {
        return Hmac.sha256Base64(secret, timestampMillis + "\n" + secret);
    }

    @Override
    JsonObject body(Notification n, RobotKey key) {
        if (n.link() != null) {
            return RobotCards.dingtalk(n); // a card whose button opens the acknowledge link
        }
        if ("text".equals(messageType)) {
            return new JsonObject().put("msgtype", "text")
                    .put("text", new JsonObject().put("content", RobotText.plain(n, 20000)));
        }
        return new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject()
                .put("title", RobotText.title(n)).put("text", RobotText.markdown(n, 20000)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
