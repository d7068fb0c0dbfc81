package io.hazardwatch.notify.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.WebhookSignature;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The providers' receipt callbacks, read and checked as the providers document them. */
class ProviderReceiptsTest {

    @Test
    void readsAliyunSmsAndVoiceReportsOfOneBatch() {
        String batch = """
                [{"phone_number":"13800138000","send_time":"2026-11-24 22:00:01","report_time":"2026-11-24 22:00:04",
                  "success":true,"err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1",
                  "biz_id":"900619746936498440^0","out_id":"inc/step-0/li-na"},
                 {"phone_number":"13800138001","success":false,"err_code":"MK:0001","err_msg":"空号",
                  "biz_id":"900619746936498441^0"},
                 {"call_id":"116012354148^102813780","status_code":"200000","status_msg":"用户听完挂机","out_id":"x"},
                 {"call_id":"116012354148^102813781","status_code":"200005","status_msg":"用户未接听"}]
                """;

        assertThat(ProviderReceipts.aliyun(batch)).containsExactly(
                new Receipt("900619746936498440^0", true, null),
                new Receipt("900619746936498441^0", false, "MK:0001 空号"),
                new Receipt("116012354148^102813780", true, null),
                new Receipt("116012354148^102813781", false, "200005 用户未接听"));
    }

    @Test
    void readsTencentStatusCallbacks() {
        String body = """
                [{"user_receive_time":"2026-11-24 22:00:04","nationcode":"86","mobile":"13800138000",
                  "report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"2019:538884"},
                 {"mobile":"13800138001","report_status":"FAIL","errmsg":"MK:0001","description":"空号","sid":"2019:538885"}]
                """;

        assertThat(ProviderReceipts.tencent(body)).containsExactly(new Receipt("2019:538884", true, null),
                new Receipt("2019:538885", false, "MK:0001 空号"));
    }

    @Test
    void readsTwilioFinalStatesAndSkipsTheInBetweenOnes() {
        assertThat(ProviderReceipts.twilio(Map.of("MessageSid", "SM1", "MessageStatus", "delivered")))
                .contains(new Receipt("SM1", true, null));
        assertThat(ProviderReceipts.twilio(Map.of("MessageSid", "SM1", "MessageStatus", "undelivered",
                "ErrorCode", "30003"))).contains(new Receipt("SM1", false, "undelivered (error 30003)"));
        assertThat(ProviderReceipts.twilio(Map.of("MessageSid", "SM1", "MessageStatus", "sent"))).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> ProviderReceipts.twilio(Map.of("MessageStatus", "sent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MessageSid");
    }

    @Test
    void readsTheGenericCallbackAndRefusesOtherStatuses() {
        assertThat(ProviderReceipts.generic("{\"id\":\"c-77\",\"status\":\"FAILED\",\"reason\":\"no answer\"}"))
                .isEqualTo(new Receipt("c-77", false, "no answer"));
        assertThatThrownBy(() -> ProviderReceipts.generic("{\"id\":\"c-77\",\"status\":\"RINGING\"}"))
                .hasMessageContaining("status");
        assertThatThrownBy(() -> ProviderReceipts.aliyun("{}")).hasMessageContaining("array");
    }

    @Test
    void twilioSignaturesMatchTwiliosPublishedExamples() {
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310",
                "Digits", "1234", "From", "+14158675310", "To", "+18005551212");
        assertThat(ReceiptSignatures.twilio(Secret.of("12345"), url, params)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
        Map<String, String> other = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
                "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
        assertThat(ReceiptSignatures.twilioValid(Secret.of("12345"), url, other, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        assertThat(ReceiptSignatures.twilioValid(Secret.of("12346"), url, other, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(ReceiptSignatures.twilioValid(null, url, other, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void genericSignaturesMustBeFreshAndMatch() {
        Instant now = Instant.parse("2026-11-24T14:00:00Z");
        String body = "{\"id\":\"c-77\",\"status\":\"DELIVERED\"}";
        String ts = Long.toString(now.getEpochSecond());
        String sig = WebhookSignature.sign("receipt-secret", now.getEpochSecond(), body);
        Secret secret = Secret.of("receipt-secret");

        assertThat(ReceiptSignatures.generic(secret, ts, body, sig, now)).isTrue();
        assertThat(ReceiptSignatures.generic(secret, ts, body + " ", sig, now)).as("body changed").isFalse();
        assertThat(ReceiptSignatures.generic(secret, ts, body, sig, now.plusSeconds(301))).as("stale").isFalse();
        assertThat(ReceiptSignatures.generic(null, ts, body, sig, now)).as("no secret configured").isFalse();
        assertThat(ReceiptSignatures.token(secret, "receipt-secret")).isTrue();
        assertThat(ReceiptSignatures.token(secret, "guess")).isFalse();
        assertThat(ReceiptSignatures.token(null, null)).isFalse();
    }

    @Test
    void twilioChecksUseTheAuthTokenUnlessAnApiKeySends() {
        ReceiptConfig config = ReceiptConfig.load(Settings.of(Map.of("notify.receipts.secret", "s3")), null);
        assertThat(config.secret()).isEqualTo(Secret.of("s3"));
        assertThat(config.twilioAuthToken()).isNull();
        assertThat(ReceiptConfig.load(Settings.of(Map.of("notify.receipts.twilio-auth-token", "tok")), null)
                .twilioAuthToken()).isEqualTo(Secret.of("tok"));
    }
}
