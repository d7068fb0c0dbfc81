package io.hazardwatch.notify.im;

import io.hazardwatch.notify.config.Secret;
import java.util.Objects;

/**
 * One robot's credentials: the webhook token (WeCom {@code key}, DingTalk {@code access_token}, Feishu hook
 * id) and, when the robot has signing switched on, its signing secret (null otherwise).
 */
public record RobotKey(Secret token, Secret signingSecret) {
    public RobotKey {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token is empty");
        }
    }

    public static RobotKey unsigned(String token) {
        return new RobotKey(Secret.of(token), null);
    }

    public static RobotKey signed(String token, String signingSecret) {
        return new RobotKey(Secret.of(token), Secret.of(signingSecret));
    }
}
