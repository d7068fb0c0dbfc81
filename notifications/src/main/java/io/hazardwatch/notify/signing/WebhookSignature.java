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

    /**
     * The dispatch webhook's signature (issue 16): lower-case hex HMAC-SHA256(secret, timestamp + "." + idempotency
     * key + "\n" + body), so that neither the timestamp nor the event's key can be changed to pass a captured body
     * off as a new event. The timestamp is digits and the key has no control character (it travels in a header), so
     * the two separators cannot be moved.
     */
    public static String signEvent(String secret, long timestampSeconds, String idempotencyKey, String body) {
        return Hmac.sha256Hex(secret, timestampSeconds + "." + checkedKey(idempotencyKey) + "\n" + body);
    }

    /** For receivers of {@link #signEvent}: checks the signature in constant time (no freshness, no replay). */
    public static boolean verifyEvent(String secret, String timestamp, String idempotencyKey, String body,
                                      String signature) {
        return timestamp != null && idempotencyKey != null && validKey(idempotencyKey)
                && Hmac.same(Hmac.sha256Hex(secret, timestamp + "." + idempotencyKey + "\n" + body), signature);
    }

    /** An idempotency key as the signed events use it: 1 to 200 characters, none of them a control character. */
    public static boolean validKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= 200 && key.chars().noneMatch(Character::isISOControl);
    }

    private static String checkedKey(String key) {
        if (!validKey(key)) {
            throw new IllegalArgumentException("idempotency key must be 1 to 200 characters without control characters");
        }
        return key;
    }

    /** For receivers: checks the signature in constant time. */
    public static boolean verify(String secret, String timestamp, String body, String signature) {
        return timestamp != null && Hmac.same(Hmac.sha256Hex(secret, timestamp + "." + body), signature);
    }
}
