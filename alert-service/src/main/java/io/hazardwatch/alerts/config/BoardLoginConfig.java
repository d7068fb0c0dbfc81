package io.hazardwatch.alerts.config;

import io.hazardwatch.logins.LoginThrottleConfig;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;

/**
 * The board's logins (issue 16).
 *
 * @param sessionSecret {@value #SESSION_SECRET}: the HMAC key of the session cookies and their CSRF tokens (at least
 *                      32 characters, from the environment {@code HW_ALERT_BOARD_SESSION_SECRET}); with it a board
 *                      stays logged in across a restart. Required when the board's public address is not loopback
 *                      ({@link SigningSecrets}); null: a random key per start (a restart then logs the boards out)
 * @param throttle      password guessing on {@code POST /login} and Basic ({@code login.throttle-*}, as the gateway's)
 */
public record BoardLoginConfig(Secret sessionSecret, LoginThrottleConfig throttle) {

    public static final String SESSION_SECRET = "alert.board.session-secret";

    /** A board on loopback: a random session key per start, the default throttle. */
    public static BoardLoginConfig defaults() {
        return new BoardLoginConfig(null, LoginThrottleConfig.defaults());
    }

    static BoardLoginConfig from(Settings settings, String publicUrl) {
        return new BoardLoginConfig(SigningSecrets.read(settings, SESSION_SECRET, publicUrl),
                LoginThrottleConfig.from(settings));
    }
}
