package io.hazardwatch.notify.receipt;

import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.sms.TwilioConfig;

/**
 * How delivery receipts are checked ({@code notify.receipts.*}): {@code secret} signs the generic gateways'
 * callbacks (HMAC header) and is the {@code token} query parameter of the callback URLs given to Aliyun and Tencent
 * (which do not sign theirs); Twilio signs with the account's auth token ({@code notify.receipts.twilio-auth-token},
 * default the SMS auth token when no API key is used). A check without its secret refuses every callback.
 */
public record ReceiptConfig(Secret secret, Secret twilioAuthToken) {

    public static ReceiptConfig load(Settings s, TwilioConfig twilio) {
        String secret = s.string("notify.receipts.secret", "");
        String token = s.string("notify.receipts.twilio-auth-token", "");
        Secret twilioToken = !token.isEmpty() ? Secret.of(token)
                : twilio != null && twilio.apiKeySid() == null ? twilio.secret() : null;
        return new ReceiptConfig(secret.isEmpty() ? null : Secret.of(secret), twilioToken);
    }
}
