package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.config.ProviderSettings;
import io.hazardwatch.notify.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * Tencent Cloud SMS (SendSms, API version 2021-01-11).
 *
 * @param endpoint e.g. {@code https://sms.tencentcloudapi.com}; its host[:port] is the signed host
 * @param sdkAppId the SMS application's SdkAppId (1400…)
 */
public record TencentSmsConfig(String endpoint, String secretId, Secret secretKey, String region, String sdkAppId,
                               SmsTemplate template, Duration timeout) {

    public static final String DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com";
    public static final String DEFAULT_REGION = "ap-guangzhou";

    public TencentSmsConfig {
        endpoint = ProviderSettings.baseUrl(endpoint);
        Objects.requireNonNull(secretId, "secret id");
        Objects.requireNonNull(secretKey, "secret key");
        Objects.requireNonNull(sdkAppId, "sdk app id");
        Objects.requireNonNull(template, "template");
        region = region == null ? DEFAULT_REGION : region;
        timeout = ProviderSettings.timeout(timeout);
    }

    /** host[:port] of the endpoint, as sent in the Host header and signed. */
    public String host() {
        return java.net.URI.create(endpoint).getRawAuthority();
    }
}
