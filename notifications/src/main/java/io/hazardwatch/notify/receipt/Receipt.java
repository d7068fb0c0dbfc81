package io.hazardwatch.notify.receipt;

/**
 * A provider's report on one message it accepted: {@code providerId} is the id its send returned (Aliyun BizId or
 * CallId, Tencent SerialNo, Twilio MessageSid, the generic gateway's id), {@code delivered} whether it reached the
 * person (an SMS on the phone, a call answered), {@code reason} the provider's words when it did not.
 */
public record Receipt(String providerId, boolean delivered, String reason) {

    /** Longest reason kept, in characters (a provider's text ends up in the incident's record). */
    public static final int MAX_REASON = 200;

    public Receipt {
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("a receipt names the provider's message id");
        }
        reason = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }
}
