package io.hazardwatch.logins;

import io.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The {@code login.throttle-*} keys, read the same way by every service that checks passwords (the gateway, the
 * alert service).
 *
 * @param afterFailures failed logins of a username, or from an address, within the window before it is throttled
 *                      ({@code login.throttle-after-failures}, default 5)
 * @param window        failures further apart than this start the count again ({@code login.throttle-window-seconds},
 *                      default 600)
 * @param firstDelay    how long a login is first refused once throttled ({@code login.throttle-first-delay-seconds},
 *                      default 1)
 * @param maxDelay      the refusal doubles with each further failure up to this
 *                      ({@code login.throttle-max-delay-seconds}, default 30)
 * @param maxEntries    usernames and addresses remembered at most, least recently used dropped first
 *                      ({@code login.throttle-max-entries}, default 100 000)
 */
public record LoginThrottleConfig(int afterFailures, Duration window, Duration firstDelay, Duration maxDelay,
                                  int maxEntries) {

    public static LoginThrottleConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static LoginThrottleConfig from(Settings settings) {
        return new LoginThrottleConfig(
                settings.integer("login.throttle-after-failures", 5, 1, 1000),
                Duration.ofSeconds(settings.integer("login.throttle-window-seconds", 600, 1, 86_400)),
                Duration.ofSeconds(settings.integer("login.throttle-first-delay-seconds", 1, 1, 3600)),
                Duration.ofSeconds(settings.integer("login.throttle-max-delay-seconds", 30, 1, 3600)),
                settings.integer("login.throttle-max-entries", 100_000, 100, 10_000_000));
    }

    /** A throttle with these settings, on the clock {@code nanos} ({@code System::nanoTime}). */
    public LoginThrottle throttle(LongSupplier nanos) {
        return new LoginThrottle(afterFailures, window, firstDelay, maxDelay, maxEntries, nanos);
    }
}
