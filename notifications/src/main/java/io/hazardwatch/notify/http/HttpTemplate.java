package io.hazardwatch.notify.http;

import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Recipient;
import io.hazardwatch.notify.config.ProviderSettings;
import io.hazardwatch.notify.config.Secret;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link GenericHttpNotifier} sends: a URL and JSON body with {@code ${placeholders}} (see
 * {@link Placeholders#NAMES}), plain and secret headers, and optionally an HMAC-SHA256 signature.
 *
 * @param providerIdPointer JSON pointer (e.g. {@code /data/id}) to the provider's message id in the
 *                          response; null: the notification id is used
 */
public record HttpTemplate(String channel, String url, HttpMethod method, Map<String, String> headers,
                           Map<String, Secret> secretHeaders, String bodyTemplate, Signing signing,
                           String providerIdPointer, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = ProviderSettings.DEFAULT_TIMEOUT;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    /**
     * Signs each request: {@code signatureHeader} = lower-case hex HMAC-SHA256(secret,
     * {@code timestamp + "." + body}), {@code timestampHeader} = the Unix time in seconds used.
     */
    public record Signing(Secret secret, String signatureHeader, String timestampHeader) {
        public Signing {
            Objects.requireNonNull(secret, "signing secret");
            requireText(signatureHeader, "signature header");
            requireText(timestampHeader, "timestamp header");
        }
    }

    public HttpTemplate {
        requireText(channel, "channel");
        requireText(url, "url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("url must start with http:// or https://");
        }
        Placeholders.check(url);
        method = method == null ? HttpMethod.POST : method;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        secretHeaders = secretHeaders == null ? Map.of() : Map.copyOf(secretHeaders);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (bodyTemplate != null) {
            if (!WITH_BODY.contains(method)) {
                throw new IllegalArgumentException("a body template needs POST, PUT or PATCH, not " + method);
            }
            Placeholders.check(bodyTemplate);
            checkRendersJson(bodyTemplate);
        }
    }

    /** A JSON POST with no extra headers, no signature and the default timeout. */
    public static HttpTemplate jsonPost(String channel, String url, String bodyTemplate) {
        return new HttpTemplate(channel, url, HttpMethod.POST, Map.of(), Map.of(), bodyTemplate, null, null, null);
    }

    public HttpTemplate withSigning(Signing signing) {
        return new HttpTemplate(channel, url, method, headers, secretHeaders, bodyTemplate, signing,
                providerIdPointer, timeout);
    }

    public HttpTemplate withHeaders(Map<String, String> headers, Map<String, Secret> secretHeaders) {
        return new HttpTemplate(channel, url, method, headers, secretHeaders, bodyTemplate, signing,
                providerIdPointer, timeout);
    }

    public HttpTemplate withProviderIdPointer(String pointer) {
        return new HttpTemplate(channel, url, method, headers, secretHeaders, bodyTemplate, signing, pointer,
                timeout);
    }

    public HttpTemplate withTimeout(Duration timeout) {
        return new HttpTemplate(channel, url, method, headers, secretHeaders, bodyTemplate, signing,
                providerIdPointer, timeout);
    }

    /** The URL for this notification, values URL-encoded. */
    public String urlFor(Notification n) {
        return Placeholders.fill(url, n, v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The JSON body for this notification, or null when the template has none. */
    public String bodyFor(Notification n) {
        return bodyTemplate == null ? null : Placeholders.fill(bodyTemplate, n, Placeholders::jsonString);
    }

    private static void checkRendersJson(String template) {
        Notification sample = new Notification("id\"1", "key\\1", new Recipient("n\n", "c", "a"), AlarmLevel.SECOND,
                "s\"", "b\u2028");
        String rendered = Placeholders.fill(template, sample, Placeholders::jsonString);
        try {
            Json.decodeValue(rendered);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("body template is not JSON once filled in: " + e.getMessage());
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
