package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.config.ProviderSettings;
import io.hazardwatch.notify.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * Twilio Programmable Messaging. Authenticates as {@code username:password} with HTTP Basic: the Account
 * SID and auth token, or an API key SID and its secret ({@code apiKeySid} set).
 *
 * @param endpoint            e.g. {@code https://api.twilio.com}
 * @param from                sending number (E.164), or null when {@code messagingServiceSid} is set
 * @param messagingServiceSid MG… service that picks the sender, or null
 * @param statusCallback      where Twilio reports each message's delivery (issue 21: the service's
 *                            {@code /api/receipts/twilio}), or null
 */
public record TwilioConfig(String endpoint, String accountSid, String apiKeySid, Secret secret, String from,
                           String messagingServiceSid, Duration timeout, String statusCallback) {

    public static final String DEFAULT_ENDPOINT = "https://api.twilio.com";

    public TwilioConfig {
        endpoint = ProviderSettings.baseUrl(endpoint);
        Objects.requireNonNull(accountSid, "account sid");
        Objects.requireNonNull(secret, "auth token");
        if ((from == null) == (messagingServiceSid == null)) {
            throw new IllegalArgumentException("set exactly one of from and messaging service sid");
        }
        timeout = ProviderSettings.timeout(timeout);
    }

    /** Without a status callback. */
    public TwilioConfig(String endpoint, String accountSid, String apiKeySid, Secret secret, String from,
                        String messagingServiceSid, Duration timeout) {
        this(endpoint, accountSid, apiKeySid, secret, from, messagingServiceSid, timeout, null);
    }

    public String username() {
        return apiKeySid == null ? accountSid : apiKeySid;
    }
}
