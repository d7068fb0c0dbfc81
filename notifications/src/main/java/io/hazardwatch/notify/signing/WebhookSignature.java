package io.hazardwatch.notify.signing;

/**
 * Our own webhook signature, used by the generic HTTP provider and the dispatch webhook: lower-case hex
 * HMAC-SHA256(secret, timestamp + "." + body), with the Unix time in seconds sent beside it so that a
 * receiver can refuse stale or replayed requests. The dot keeps timestamp and body apart.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        return Hmac.sha256Hex(secret, timestampSeconds + "." + body);
    }

    /** For receivers: checks the signature in constant time. */
    public static boolean verify(String secret, String timestamp, String body, String signature) {
        return timestamp != null && Hmac.same(Hmac.sha256Hex(secret, timestamp + "." + body), signature);
    }
}
