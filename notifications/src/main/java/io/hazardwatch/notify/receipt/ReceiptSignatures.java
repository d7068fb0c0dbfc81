package io.hazardwatch.notify.receipt;

import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.Hmac;
import io.hazardwatch.notify.signing.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Checks that a receipt callback comes from whom it claims (constant-time comparisons throughout). */
public final class ReceiptSignatures {

    /** How far a generic callback's timestamp may be from our clock (replays older than this are refused). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private ReceiptSignatures() {
    }

    /** Aliyun and Tencent do not sign: their callback URL carries {@code token=<notify.receipts.secret>}. */
    public static boolean token(Secret secret, String token) {
        return secret != null && Hmac.same(secret.reveal(), token);
    }

    /**
     * Twilio's X-Twilio-Signature: Base64(HMAC-SHA1(auth token, the full URL Twilio called + every POST parameter's
     * name and value, sorted by name, appended without separators)).
     */
    public static String twilio(Secret authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        return Base64.getEncoder().encodeToString(Hmac.sha1(authToken.reveal(), data.toString()));
    }

    public static boolean twilioValid(Secret authToken, String url, Map<String, String> form, String signature) {
        return authToken != null && Hmac.same(twilio(authToken, url, form), signature);
    }

    /** The generic gateways': {@link WebhookSignature} over the body, with a timestamp within {@link #MAX_SKEW}. */
    public static boolean generic(Secret secret, String timestamp, String body, String signature, Instant now) {
        if (secret == null || timestamp == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        return Math.abs(now.getEpochSecond() - seconds) <= MAX_SKEW.toSeconds()
                && WebhookSignature.verify(secret.reveal(), timestamp, body, signature);
    }
}
