package io.hazardwatch.notify.im;

import io.hazardwatch.notify.config.ProviderSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The robots of one IM platform. A notification's recipient address is a robot name from {@code robots}.
 *
 * @param endpoint    the platform's base URL (tests point it at a local server)
 * @param perMinute   client-side limit per robot (the platforms allow about 20 a minute)
 * @param messageType the platform's message type: WeCom {@code markdown|text}, DingTalk
 *                    {@code markdown|text}, Feishu {@code post|text}
 */
public record RobotConfig(String endpoint, Map<String, RobotKey> robots, int perMinute, String messageType,
                          Duration timeout) {

    public static final int DEFAULT_PER_MINUTE = 20;

    public RobotConfig {
        if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL, was " + endpoint);
        }
        endpoint = ProviderSettings.baseUrl(endpoint);
        robots = Map.copyOf(robots);
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        timeout = ProviderSettings.timeout(timeout);
    }

    public static RobotConfig of(String endpoint, Map<String, RobotKey> robots, String messageType) {
        return new RobotConfig(endpoint, robots, DEFAULT_PER_MINUTE, messageType, null);
    }

    /** The configured message type, or {@code fallback} when unset; refuses one the platform lacks. */
    String messageTypeOr(String platform, String fallback, java.util.Set<String> allowed) {
        if (messageType == null || messageType.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(messageType)) {
            throw new IllegalArgumentException(platform + " message type must be one of " + allowed + ", was "
                    + messageType);
        }
        return messageType;
    }

    public RobotConfig withPerMinute(int perMinute) {
        return new RobotConfig(endpoint, robots, perMinute, messageType, timeout);
    }
}
