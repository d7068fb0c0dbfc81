package io.hazardwatch.notify;

/**
 * Who to reach, and how.
 *
 * @param channel the {@link Notifier#channel()} to use
 * @param address what that channel needs: a phone number in E.164 form for SMS, a robot name from the
 *                notifier config for IM robots, a device or user token for push
 */
public record Recipient(String name, String channel, String address) {
}
