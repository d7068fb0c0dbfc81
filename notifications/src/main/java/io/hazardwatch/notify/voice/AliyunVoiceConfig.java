package io.hazardwatch.notify.voice;

import io.hazardwatch.notify.config.ProviderSettings;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.sms.SmsTemplate;
import java.time.Duration;
import java.util.Objects;

/**
 * Alibaba Cloud voice notification (dyvmsapi, SingleCallByTts, version 2017-05-25): an approved text-to-speech
 * template ({@code ttsCode}, its variables filled from {@code ttsParams}, a JSON object with placeholders) read
 * to the called number, shown as {@code calledShowNumber} (a number bought in the console).
 *
 * @param endpoint e.g. {@code https://dyvmsapi.aliyuncs.com}
 * @param playTimes how often the text is read in one call (1 to 3)
 */
public record AliyunVoiceConfig(String endpoint, String accessKeyId, Secret accessKeySecret, String regionId,
                                String ttsCode, String ttsParams, String calledShowNumber, int playTimes,
                                Duration timeout) {

    public static final String DEFAULT_ENDPOINT = "https://dyvmsapi.aliyuncs.com";
    public static final String DEFAULT_REGION = "cn-hangzhou";

    public AliyunVoiceConfig {
        endpoint = ProviderSettings.baseUrl(endpoint);
        Objects.requireNonNull(accessKeyId, "access key id");
        Objects.requireNonNull(accessKeySecret, "access key secret");
        // the same checks as an SMS template's variables: known placeholders, JSON once filled in
        new SmsTemplate("voice", Objects.requireNonNull(ttsCode, "tts code"), ttsParams);
        if (calledShowNumber == null || calledShowNumber.isBlank()) {
            throw new IllegalArgumentException("called show number is required");
        }
        if (playTimes < 1 || playTimes > 3) {
            throw new IllegalArgumentException("play times must be 1 to 3, not " + playTimes);
        }
        regionId = regionId == null ? DEFAULT_REGION : regionId;
        timeout = ProviderSettings.timeout(timeout);
    }

    /** The TtsParam JSON of one call. */
    SmsTemplate template() {
        return new SmsTemplate("voice", ttsCode, ttsParams);
    }
}
