package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Finds the robot a notification is for and takes a token from that robot's bucket; refuses without any
 * request when the name is unknown (not retryable) or the bucket is empty (retryable, with retryAfter).
 */
final class RobotGate {

    /** A robot that may be sent to now. */
    record Admitted(String name, RobotKey key) {
    }

    private final String platform;
    private final Map<String, RobotKey> robots;
    private final Map<String, TokenBucket> buckets = new HashMap<>();

    RobotGate(String platform, RobotConfig config, LongSupplier nanoTime) {
        this.platform = platform;
        this.robots = config.robots();
        config.robots().keySet().forEach(name -> buckets.put(name, new TokenBucket(config.perMinute(), nanoTime)));
    }

    Admitted admit(Notification notification) {
        String name = notification.recipient() == null ? null : notification.recipient().address();
        RobotKey key = name == null ? null : robots.get(name);
        if (key == null) {
            throw NotifyException.rejected(platform + ": no robot named '" + name + "' is configured");
        }
        Duration wait = buckets.get(name).tryTake();
        if (!wait.isZero()) {
            throw NotifyException.retryable(platform + " robot " + name + ": client-side limit of "
                    + buckets.get(name).perMinute() + " messages a minute reached", wait);
        }
        return new Admitted(name, key);
    }

    List<Secret> secrets() {
        List<Secret> all = new ArrayList<>();
        robots.values().forEach(k -> {
            all.add(k.token());
            if (k.signingSecret() != null) {
                all.add(k.signingSecret());
            }
        });
        return all;
    }
}
