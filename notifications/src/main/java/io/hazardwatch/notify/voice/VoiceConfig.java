package io.hazardwatch.notify.voice;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.http.GenericHttpNotifier;
import io.hazardwatch.notify.http.HttpTemplate;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The voice-call channel ({@code voice}), {@code notify.voice.*}: one provider, a generic HTTP voice gateway
 * ({@code http}: URL, JSON body template, an auth header) or Alibaba Cloud ({@code aliyun}). Exactly one of
 * {@code http} and {@code aliyun} is set.
 */
public record VoiceConfig(HttpTemplate http, AliyunVoiceConfig aliyun) {

    public static final String PREFIX = "notify.voice.";

    public VoiceConfig {
        if ((http == null) == (aliyun == null)) {
            throw new IllegalArgumentException("exactly one voice provider");
        }
    }

    /** The channel's notifier. */
    public Notifier notifier(WebClient client, Clock clock) {
        return http != null ? new GenericHttpNotifier(http, client, clock) : new AliyunVoiceNotifier(aliyun, client, clock);
    }

    /** {@code notify.voice.provider}: none (null here), http or aliyun; a bad or missing key names itself. */
    public static VoiceConfig load(Settings s, Duration timeout) {
        String provider = s.string(PREFIX + "provider", "none").trim();
        return switch (provider) {
            case "none" -> null;
            case "http" -> new VoiceConfig(http(s, timeout), null);
            case "aliyun" -> new VoiceConfig(null, aliyun(s, timeout));
            default -> throw new ConfigException(PREFIX + "provider: '" + provider + "' is not one of none, http, aliyun");
        };
    }

    private static HttpTemplate http(Settings s, Duration timeout) {
        String k = PREFIX + "http.";
        String url = s.string(k + "url");
        String token = optional(s, k + "auth-token");
        Map<String, Secret> auth = token == null ? Map.of() : Map.of(s.string(k + "auth-header", "Authorization"),
                Secret.of(token));
        String signing = optional(s, k + "signing-secret");
        try {
            return HttpTemplate.jsonPost(AliyunVoiceNotifier.CHANNEL, url, s.string(k + "body-template"))
                    .withHeaders(Map.of(), auth)
                    .withSigning(signing == null ? null : new HttpTemplate.Signing(Secret.of(signing),
                            "X-HW-Signature", "X-HW-Timestamp"))
                    .withProviderIdPointer(optional(s, k + "provider-id-pointer"))
                    .withTimeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(k + "body-template: " + e.getMessage());
        }
    }

    private static AliyunVoiceConfig aliyun(Settings s, Duration timeout) {
        String k = PREFIX + "aliyun.";
        String id = s.string(k + "access-key-id");
        Secret secret = Secret.of(s.string(k + "access-key-secret"));
        String ttsCode = s.string(k + "tts-code");
        String params = s.string(k + "tts-params");
        String show = s.string(k + "called-show-number");
        int playTimes = s.integer(k + "play-times", 2, 1, 3);
        try {
            return new AliyunVoiceConfig(s.string(k + "endpoint", AliyunVoiceConfig.DEFAULT_ENDPOINT), id, secret,
                    s.string(k + "region", AliyunVoiceConfig.DEFAULT_REGION), ttsCode, params, show, playTimes, timeout);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(k + "tts-params: " + e.getMessage());
        }
    }

    private static String optional(Settings s, String key) {
        String value = s.string(key, "");
        return value.isEmpty() ? null : value;
    }
}
