package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every IM robot notifier does the same way: admit the message (robot by name, rate limit), POST the
 * platform's JSON to the robot's URL, read the platform's reply, log one line. The notifiers supply only
 * the URL and the body, which is where the platforms differ.
 */
final class RobotPoster {

    private static final Logger LOG = LoggerFactory.getLogger(RobotPoster.class);

    private final String channel;
    private final RobotReply reply;
    private final WebClient client;
    private final RobotGate gate;
    private final ProviderHttp http;

    RobotPoster(String channel, RobotConfig config, RobotReply reply, WebClient client, Clock clock,
                LongSupplier nanoTime) {
        this.channel = channel;
        this.reply = reply;
        this.client = client;
        this.gate = new RobotGate(channel, config, nanoTime);
        this.http = new ProviderHttp(channel, config.timeout(), clock, gate.secrets());
    }

    Clock clock() {
        return http.clock();
    }

    Future<Delivery> post(Notification n, Function<RobotKey, String> url, Function<RobotKey, JsonObject> body) {
        RobotGate.Admitted robot;
        try {
            robot = gate.admit(n);
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        return http.exchange(client.postAbs(url.apply(robot.key())).putHeader("Content-Type", "application/json"),
                        body.apply(robot.key()).toBuffer())
                .compose(response -> reply.check(http, channel, robot.name(), n, response))
                .onSuccess(d -> LOG.info("{} robot {} posted message {}", channel, robot.name(), n.id()))
                .onFailure(e -> LOG.warn("{} robot {} did not take message {}: {}", channel, robot.name(), n.id(),
                        e.getMessage()));
    }
}
