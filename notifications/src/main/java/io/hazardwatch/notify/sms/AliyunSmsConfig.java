package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.config.ProviderSettings;
import io.hazardwatch.notify.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * Alibaba Cloud SMS (dysmsapi, SendSms, version 2017-05-25).
 *
 * @param endpoint e.g. {@code https://dysmsapi.aliyuncs.com}
 */
public record AliyunSmsConfig(String endpoint, String accessKeyId, Secret accessKeySecret, String regionId,
                              SmsTemplate template, Duration timeout) {

    public static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com";
    public static final String DEFAULT_REGION = "cn-hangzhou";

    public AliyunSmsConfig {
        endpoint = ProviderSettings.baseUrl(endpoint);
        Objects.requireNonNull(accessKeyId, "access key id");
        Objects.requireNonNull(accessKeySecret, "access key secret");
        Objects.requireNonNull(template, "template");
        regionId = regionId == null ? DEFAULT_REGION : regionId;
        timeout = ProviderSettings.timeout(timeout);
    }
}
