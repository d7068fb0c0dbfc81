package io.hazardwatch.notify.push;

import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.http.GenericHttpNotifier;
import io.hazardwatch.notify.http.HttpTemplate;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Push to the duty officers' phones through whatever push gateway the park runs (a vendor push service
 * or an in-house relay): a {@link GenericHttpNotifier} preset on channel {@code push}. FCM is not an
 * option: its terms exclude emergency alerting and it does not work in mainland China.
 */
public final class HttpPush {

    public static final String CHANNEL = "push";

    /** The gateway receives the device or user token as {@code to}. */
    public static final String DEFAULT_BODY = """
            {"to":"${recipient.address}","title":"${subject}","body":"${body}","level":"${level}",\
            "incident":"${incidentKey}","id":"${id}"}""";

    /**
     * @param bodyTemplate     null: {@link #DEFAULT_BODY}
     * @param token            sent as {@code Authorization: Bearer …}; null: none
     * @param signingSecret    signs as {@code X-HW-Signature} / {@code X-HW-Timestamp}; null: unsigned
     * @param providerIdPointer JSON pointer to the gateway's message id; null: the notification id
     */
    public record Config(String url, String bodyTemplate, Secret token, Secret signingSecret, String providerIdPointer,
                         Duration timeout) {
        public Config {
            bodyTemplate = bodyTemplate == null ? DEFAULT_BODY : bodyTemplate;
        }
    }

    private HttpPush() {
    }

    public static HttpTemplate template(Config config) {
        HttpTemplate.Signing signing = config.signingSecret() == null ? null
                : new HttpTemplate.Signing(config.signingSecret(), "X-HW-Signature", "X-HW-Timestamp");
        Map<String, Secret> secretHeaders = config.token() == null ? Map.of()
                : Map.of("Authorization", Secret.of("Bearer " + config.token().reveal()));
        return new HttpTemplate(CHANNEL, config.url(), HttpMethod.POST, Map.of(), secretHeaders, config.bodyTemplate(),
                signing, config.providerIdPointer(), config.timeout());
    }

    public static GenericHttpNotifier notifier(Config config, WebClient client, Clock clock) {
        return new GenericHttpNotifier(template(config), client, clock);
    }
}
