package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Notification;
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
 * WeCom (企业微信) group robot: {@code POST {endpoint}/cgi-bin/webhook/send?key=KEY} with a {@code markdown}
 * (≤ 4096 bytes) or {@code text} (≤ 2048 bytes) message. errcode 45009 (over 20 a minute) and -1 (busy)
 * are retryable.
 */
public final class WeComRobotNotifier extends RobotNotifier {

    public static final String CHANNEL = "wecom";
    public static final String DEFAULT_ENDPOINT = "https://qyapi.weixin.qq.com";
    private static final RobotReply REPLY = new RobotReply("errcode", "errmsg",
            Map.of(45009, Duration.ofMinutes(1), -1, Duration.ofSeconds(5)));

    public WeComRobotNotifier(RobotConfig config, WebClient client, Clock clock, LongSupplier nanoTime) {
        super(CHANNEL, REPLY, "markdown", Set.of("markdown", "text"), config, client, clock, nanoTime);
    }

    @Override
    String url(RobotKey key) {
        return config.endpoint() + "/cgi-bin/webhook/send?key="
                + URLEncoder.encode(key.token().reveal(), StandardCharsets.UTF_8);
    }

    @Override
    JsonObject body(Notification n, RobotKey key) {
        if (n.link() != null) {
            return RobotCards.wecom(n); // a card whose button opens the acknowledge link
        }
        if ("text".equals(messageType)) {
            return new JsonObject().put("msgtype", "text")
                    .put("text", new JsonObject().put("content", RobotText.plain(n, 2048)));
        }
        return new JsonObject().put("msgtype", "markdown")
                .put("markdown", new JsonObject().put("content", RobotText.markdown(n, 4096)));
    }
}
