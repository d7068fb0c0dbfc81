package io.hazardwatch.notify.config;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.dispatch.CapAlert;
import io.hazardwatch.notify.dispatch.DispatchConfig;
import io.hazardwatch.notify.http.HttpTemplate;
import io.hazardwatch.notify.im.DingTalkRobotNotifier;
import io.hazardwatch.notify.im.FeishuRobotNotifier;
import io.hazardwatch.notify.im.RobotConfig;
import io.hazardwatch.notify.im.RobotKey;
import io.hazardwatch.notify.im.WeComRobotNotifier;
import io.hazardwatch.notify.push.HttpPush;
import io.hazardwatch.notify.sms.AliyunSmsConfig;
import io.hazardwatch.notify.sms.SmsTemplate;
import io.hazardwatch.notify.sms.TencentSmsConfig;
import io.hazardwatch.notify.sms.TwilioConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every provider's settings, read once at start from {@link Settings} (a properties file, overridden by
 * {@code HW_…} environment variables, which is where credentials belong). A provider whose switch key is
 * unset is off (null here). A bad or missing value stops startup with a message that starts with the key.
 * Credentials are {@link Secret}s, so {@code toString} never shows them. The keys are listed in the
 * module README.
 */
public record NotifierConfig(AliyunSmsConfig aliyunSms, TencentSmsConfig tencentSms, TwilioConfig twilio,
                             RobotConfig wecom, RobotConfig dingtalk, RobotConfig feishu, HttpPush.Config push,
                             HttpTemplate webhook, DispatchConfig dispatch) {

    public static final String PREFIX = "notify.";

    public static NotifierConfig load(Settings s) {
        Duration timeout = Duration.ofSeconds(s.integer(PREFIX + "timeout-seconds", 10, 1, 300));
        String sms = s.string(PREFIX + "sms.provider", "none");
        if (!Arrays.asList("none", "aliyun", "tencent", "twilio").contains(sms)) {
            throw new ConfigException(PREFIX + "sms.provider: '" + sms + "' is not one of none, aliyun, tencent, twilio");
        }
        return new NotifierConfig(
                sms.equals("aliyun") ? aliyun(s, timeout) : null,
                sms.equals("tencent") ? tencent(s, timeout) : null,
                sms.equals("twilio") ? twilio(s, timeout) : null,
                robots(s, "wecom", WeComRobotNotifier.DEFAULT_ENDPOINT, timeout),
                robots(s, "dingtalk", DingTalkRobotNotifier.DEFAULT_ENDPOINT, timeout),
                robots(s, "feishu", FeishuRobotNotifier.DEFAULT_ENDPOINT, timeout),
                push(s, timeout), webhook(s, timeout), dispatch(s, timeout));
    }

    private static SmsTemplate smsTemplate(Settings s) {
        String k = PREFIX + "sms.";
        return valid(k + "template-params", () -> new SmsTemplate(s.string(k + "sign-name"),
                s.string(k + "template-code"), s.string(k + "template-params")));
    }

    private static AliyunSmsConfig aliyun(Settings s, Duration timeout) {
        String k = PREFIX + "sms.aliyun.";
        return new AliyunSmsConfig(s.string(k + "endpoint", AliyunSmsConfig.DEFAULT_ENDPOINT),
                s.string(k + "access-key-id"), secret(s, k + "access-key-secret"),
                s.string(k + "region", AliyunSmsConfig.DEFAULT_REGION), smsTemplate(s), timeout);
    }

    private static TencentSmsConfig tencent(Settings s, Duration timeout) {
        String k = PREFIX + "sms.tencent.";
        return new TencentSmsConfig(s.string(k + "endpoint", TencentSmsConfig.DEFAULT_ENDPOINT),
                s.string(k + "secret-id"), secret(s, k + "secret-key"),
                s.string(k + "region", TencentSmsConfig.DEFAULT_REGION), s.string(k + "sdk-app-id"), smsTemplate(s),
                timeout);
    }

    private static TwilioConfig twilio(Settings s, Duration timeout) {
        String k = PREFIX + "sms.twilio.";
        return valid(k + "from", () -> new TwilioConfig(s.string(k + "endpoint", TwilioConfig.DEFAULT_ENDPOINT),
                s.string(k + "account-sid"), optional(s, k + "api-key-sid"), secret(s, k + "auth-token"),
                optional(s, k + "from"), optional(s, k + "messaging-service-sid"), timeout));
    }

    /** {@code notify.<platform>.robots = a, b} switches the platform on; each robot has a token and maybe a secret. */
    private static RobotConfig robots(Settings s, String platform, String defaultEndpoint, Duration timeout) {
        String k = PREFIX + platform + ".";
        String names = optional(s, k + "robots");
        if (names == null) {
            return null;
        }
        Map<String, RobotKey> robots = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            String robot = name.trim();
            if (!robot.matches("[A-Za-z0-9_-]+")) {
                throw new ConfigException(k + "robots: robot name '" + robot + "' may use only letters, digits, - and _");
            }
            String rk = k + "robot." + robot + ".";
            String signing = optional(s, rk + "secret");
            robots.put(robot, new RobotKey(secret(s, rk + "token"), signing == null ? null : Secret.of(signing)));
        }
        int perMinute = s.integer(k + "per-minute", RobotConfig.DEFAULT_PER_MINUTE, 1, 1000);
        String messageType = optional(s, k + "message-type");
        java.util.List<String> types = platform.equals("feishu") ? java.util.List.of("post", "text")
                : java.util.List.of("markdown", "text");
        if (messageType != null && !types.contains(messageType)) {
            throw new ConfigException(k + "message-type: '" + messageType + "' is not one of " + types);
        }
        String endpoint = s.string(k + "endpoint", defaultEndpoint);
        return valid(k + "endpoint", () -> new RobotConfig(endpoint, robots, perMinute,
                messageType, timeout));
    }

    private static HttpPush.Config push(Settings s, Duration timeout) {
        String k = PREFIX + "push.";
        String url = optional(s, k + "url");
        if (url == null) {
            return null;
        }
        HttpPush.Config config = new HttpPush.Config(url, optional(s, k + "body-template"), optionalSecret(s, k + "token"),
                optionalSecret(s, k + "signing-secret"), optional(s, k + "provider-id-pointer"), timeout);
        valid(k + "body-template", () -> HttpPush.template(config));
        return config;
    }

    private static HttpTemplate webhook(Settings s, Duration timeout) {
        String k = PREFIX + "webhook.";
        String url = optional(s, k + "url");
        if (url == null) {
            return null;
        }
        Secret signing = optionalSecret(s, k + "signing-secret");
        return valid(k + "body-template", () -> HttpTemplate.jsonPost(s.string(k + "channel", "webhook"), url,
                        s.string(k + "body-template"))
                .withSigning(signing == null ? null : new HttpTemplate.Signing(signing,
                        s.string(k + "signature-header", "X-HW-Signature"),
                        s.string(k + "timestamp-header", "X-HW-Timestamp")))
                .withProviderIdPointer(optional(s, k + "provider-id-pointer"))
                .withTimeout(timeout));
    }

    private static DispatchConfig dispatch(Settings s, Duration timeout) {
        String k = PREFIX + "dispatch.";
        String url = optional(s, k + "url");
        if (url == null) {
            return null;
        }
        ZoneId zone = valid(k + "cap.zone", () -> ZoneId.of(s.string(k + "cap.zone", "Asia/Shanghai")));
        CapAlert.Sender sender = new CapAlert.Sender(s.string(k + "cap.sender", "hazardwatch"),
                s.string(k + "cap.sender-name", "HazardWatch duty room"),
                oneOf(s, k + "cap.status", "Actual", "Actual", "Exercise", "System", "Test", "Draft"),
                oneOf(s, k + "cap.scope", "Restricted", "Public", "Restricted", "Private"),
                s.string(k + "cap.restriction", "for emergency dispatch only"), zone);
        return valid(k + "format", () -> new DispatchConfig(url, secret(s, k + "secret"),
                s.string(k + "format", "json"), sender, timeout));
    }

    private static String oneOf(Settings s, String key, String fallback, String... allowed) {
        String value = s.string(key, fallback);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new ConfigException(key + ": '" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static Secret secret(Settings s, String key) {
        return Secret.of(s.string(key));
    }

    private static Secret optionalSecret(Settings s, String key) {
        String value = optional(s, key);
        return value == null ? null : Secret.of(value);
    }

    private static String optional(Settings s, String key) {
        String value = s.string(key, "");
        return value.isEmpty() ? null : value;
    }

    /** Runs a record's own checks and names the key when one fails. */
    private static <T> T valid(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }
}
