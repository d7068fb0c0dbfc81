package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every IM robot notifier does the same way: admit the message (robot by name, rate limit), POST the
 * platform's JSON to the robot's URL, read the platform's reply, log one line. A platform supplies only the
 * URL and the body, which is where the platforms differ.
 */
abstract sealed class RobotNotifier implements Notifier
        permits DingTalkRobotNotifier, FeishuRobotNotifier, WeComRobotNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(RobotNotifier.class);

    final RobotConfig config;
    /** The configured message type, or the platform's default. */
    final String messageType;
    private final String channel;
    private final RobotReply reply;
    private final RobotGate gate;
    private final ProviderHttp http;

    RobotNotifier(String channel, RobotReply reply, String defaultType, Set<String> messageTypes, RobotConfig config,
                  WebClient client, Clock clock, LongSupplier nanoTime) {
        this.channel = channel;
        this.config = config;
        this.messageType = config.messageTypeOr(channel, defaultType, messageTypes);
        this.reply = reply;
        this.gate = new RobotGate(channel, config, nanoTime);
        this.http = new ProviderHttp(channel, client, config.timeout(), clock, gate.secrets());
    }

    /** The robot's URL (its key is in it). */
    abstract String url(RobotKey key);

    /** The platform's JSON for a notification to a robot. */
    abstract JsonObject body(Notification n, RobotKey key);

    @Override
    public final String channel() {
        return channel;
    }

    Clock clock() {
        return http.clock();
    }

    @Override
    public final Future<Delivery> send(Notification n) {
        RobotGate.Admitted robot;
        try {
            robot = gate.admit(n);
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        return http.exchange(http.post(url(robot.key())).putHeader("Content-Type", "application/json"),
                        body(n, robot.key()).toBuffer())
                .compose(response -> reply.check(http, channel, robot.name(), n, response))
                .onSuccess(d -> LOG.info("{} robot {} posted message {}", channel, robot.name(), n.id()))
                .onFailure(e -> LOG.warn("{} robot {} did not take message {}: {}", channel, robot.name(), n.id(),
                        e.getMessage()));
    }
}
