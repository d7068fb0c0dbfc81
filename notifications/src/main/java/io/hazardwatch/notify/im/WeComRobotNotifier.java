package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeCom (企业微信) group robot: {@code POST {endpoint}/cgi-bin/webhook/send?key=KEY} with a {@code markdown}
 * (≤ 4096 bytes) or {@code text} (≤ 2048 bytes) message. errcode 45009 (over 20 a minute) and -1 (busy)
 * are retryable.
 */
public final class WeComRobotNotifier implements Notifier {

    public static final String CHANNEL = "wecom";
    public static final String DEFAULT_ENDPOINT = "https://qyapi.weixin.qq.com";
    private static final Logger LOG = LoggerFactory.getLogger(WeComRobotNotifier.class);
    private static final RobotReply REPLY = new RobotReply("errcode", "errmsg",
            Map.of(45009, Duration.ofMinutes(1), -1, Duration.ofSeconds(5)));

    private final RobotConfig config;
    private final WebClient client;
    private final RobotGate gate;
    private final ProviderHttp http;
    private final String messageType;

    public WeComRobotNotifier(RobotConfig config, WebClient client, Clock clock, LongSupplier nanoTime) {
        this.config = config;
        this.messageType = config.messageTypeOr(CHANNEL, "markdown", java.util.Set.of("markdown", "text"));
        this.client = client;
        this.gate = new RobotGate(CHANNEL, config, nanoTime);
        this.http = new ProviderHttp(CHANNEL, config.timeout(), clock, gate.secrets());
    }

    public WeComRobotNotifier(RobotConfig config, WebClient client) {
        this(config, client, Clock.systemUTC(), System::nanoTime);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Future<Delivery> send(Notification n) {
        RobotGate.Admitted robot;
        try {
            robot = gate.admit(n);
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        String url = config.endpoint() + "/cgi-bin/webhook/send?key="
                + URLEncoder.encode(robot.key().token().reveal(), StandardCharsets.UTF_8);
        return http.exchange(client.postAbs(url).putHeader("Content-Type", "application/json"),
                        message(n).toBuffer())
                .compose(response -> REPLY.check(http, CHANNEL, robot.name(), n, response))
                .onSuccess(d -> LOG.info("wecom robot {} posted message {}", robot.name(), n.id()))
                .onFailure(e -> LOG.warn("wecom robot {} did not take message {}: {}", robot.name(), n.id(),
                        e.getMessage()));
    }

    JsonObject message(Notification n) {
        if ("text".equals(messageType)) {
            return new JsonObject().put("msgtype", "text")
                    .put("text", new JsonObject().put("content", RobotText.plain(n, 2048)));
        }
        return new JsonObject().put("msgtype", "markdown")
                .put("markdown", new JsonObject().put("content", RobotText.markdown(n, 4096)));
    }
}
