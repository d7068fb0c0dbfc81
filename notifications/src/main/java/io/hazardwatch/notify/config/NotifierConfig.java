package io.hazardwatch.notify.config;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.dispatch.CapAlert;
import io.hazardwatch.notify.dispatch.DispatchConfig;
import io.hazardwatch.notify.signing.EventVerifier;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every provider's settings, read once at start from {@link Settings} (a properties file, overridden by
 * {@code HW_…} environment variables, which is where credentials belong). A provider whose switch key is
 * unset is off (null here). A bad or missing value stops startup with a message that starts with the key.
 * Credentials are {@link Secret}s, so {@code toString} never shows them. The keys are listed in the
 * module README.
 */
public record NotifierConfig(AliyunSmsConfig aliyunSms, TencentSmsConfig tencentSms, TwilioConfig twilio,
                             List<String> smsProviders, RobotConfig wecom, RobotConfig dingtalk, RobotConfig feishu,
                             HttpPush.Config push, HttpTemplate webhook, DispatchConfig dispatch,
                             io.hazardwatch.notify.voice.VoiceConfig voice,
                             io.hazardwatch.notify.receipt.ReceiptConfig receipts, List<String> localChannels) {

    public static final String PREFIX = "notify.";
    private static final List<String> SMS_PROVIDERS = List.of("aliyun", "tencent", "twilio");

    /**
     * @param smsProviders the SMS providers switched on, in the order a message tries them (channel {@code sms});
     *                     empty when SMS is off
     */
    public NotifierConfig {
        smsProviders = List.copyOf(smsProviders);
        localChannels = localChannels == null ? List.of() : List.copyOf(localChannels);
    }

    /**
     * Without issue 21's voice channel, receipt secret and local outbox channels ({@code notify.voice.*},
     * {@code notify.receipts.*}, {@code notify.local.channels}).
     */
    public NotifierConfig(AliyunSmsConfig aliyunSms, TencentSmsConfig tencentSms, TwilioConfig twilio,
                          List<String> smsProviders, RobotConfig wecom, RobotConfig dingtalk, RobotConfig feishu,
                          HttpPush.Config push, HttpTemplate webhook, DispatchConfig dispatch) {
        this(aliyunSms, tencentSms, twilio, smsProviders, wecom, dingtalk, feishu, push, webhook, dispatch, null,
                new io.hazardwatch.notify.receipt.ReceiptConfig(null, null), List.of());
    }

    /**
     * The longest one SMS can take to fail: each listed provider's timeout, one after the other (failover).
     * Whoever waits for {@code send} must wait longer than this.
     */
    public Duration smsWorstCase() {
        return Stream.of(aliyunSms == null ? null : aliyunSms.timeout(),
                        tencentSms == null ? null : tencentSms.timeout(), twilio == null ? null : twilio.timeout())
                .filter(Objects::nonNull).reduce(Duration.ZERO, Duration::plus);
    }

    public static NotifierConfig load(Settings s) {
        Duration timeout = Duration.ofSeconds(s.integer(PREFIX + "timeout-seconds", 10, 1, 300));
        List<String> sms = smsProviders(s);
        TwilioConfig twilio = sms.contains("twilio") ? twilio(s, timeout) : null;
        return new NotifierConfig(
                sms.contains("aliyun") ? aliyun(s, timeout) : null,
                sms.contains("tencent") ? tencent(s, timeout) : null,
                twilio,
                sms,
                robots(s, "wecom", WeComRobotNotifier.DEFAULT_ENDPOINT, timeout),
                robots(s, "dingtalk", DingTalkRobotNotifier.DEFAULT_ENDPOINT, timeout),
                robots(s, "feishu", FeishuRobotNotifier.DEFAULT_ENDPOINT, timeout),
                push(s, timeout), webhook(s, timeout), dispatch(s, timeout),
                io.hazardwatch.notify.voice.VoiceConfig.load(s, timeout),
                io.hazardwatch.notify.receipt.ReceiptConfig.load(s, twilio), localChannels(s));
    }

    /**
     * {@code notify.local.channels}: channels served by the local outbox ({@code LocalNotifier}: taken at once, listed on
     * the board's Messages page, nothing leaves the machine), comma-separated; empty = none. A channel whose real
     * provider is switched on goes to that provider: the local outbox serves only the listed channels without one.
     */
    private static List<String> localChannels(Settings s) {
        String key = PREFIX + "local.channels";
        List<String> channels = new ArrayList<>();
        for (String name : s.string(key, "").split(",")) {
            String channel = name.trim();
            if (channel.isEmpty()) {
                continue;
            }
            if (!channel.matches("[a-z0-9_-]+")) {
                throw new ConfigException(key + ": channel '" + channel + "' may use only a-z, 0-9, - and _");
            }
            if (channels.contains(channel)) {
                throw new ConfigException(key + ": channel '" + channel + "' is listed twice");
            }
            channels.add(channel);
        }
        return channels;
    }

    /** {@code notify.sms.provider}: none, one provider, or several ("aliyun, tencent"), tried in that order. */
    private static List<String> smsProviders(Settings s) {
        String key = PREFIX + "sms.provider";
        String value = s.string(key, "none").trim();
        if (value.equals("none")) {
            return List.of();
        }
        List<String> providers = new ArrayList<>();
        for (String name : value.split(",")) {
            String provider = name.trim();
            if (!SMS_PROVIDERS.contains(provider)) {
                throw new ConfigException(key + ": '" + provider + "' is not one of none, aliyun, tencent, twilio"
                        + " (several, comma-separated, are tried in that order)");
            }
            if (providers.contains(provider)) {
                throw new ConfigException(key + ": '" + provider + "' is listed twice");
            }
            providers.add(provider);
        }
        return providers;
    }

    /**
     * The approved template of {@code provider}: each of its keys from {@code notify.sms.<provider>.…} if set
     * there (a second provider has its own template code), else from {@code notify.sms.…}.
     */
    private static SmsTemplate smsTemplate(Settings s, String provider) {
        String signName = smsKey(s, provider, "sign-name");
        String templateCode = smsKey(s, provider, "template-code");
        String params = smsKey(s, provider, "template-params");
        return valid(params, () -> new SmsTemplate(s.string(signName), s.string(templateCode), s.string(params)));
    }

    private static String smsKey(Settings s, String provider, String name) {
        String own = PREFIX + "sms." + provider + "." + name;
        return optional(s, own) != null ? own : PREFIX + "sms." + name;
    }

    private static AliyunSmsConfig aliyun(Settings s, Duration timeout) {
        String k = PREFIX + "sms.aliyun.";
        return new AliyunSmsConfig(s.string(k + "endpoint", AliyunSmsConfig.DEFAULT_ENDPOINT),
                s.string(k + "access-key-id"), secret(s, k + "access-key-secret"),
                s.string(k + "region", AliyunSmsConfig.DEFAULT_REGION), smsTemplate(s, "aliyun"), timeout);
    }

    private static TencentSmsConfig tencent(Settings s, Duration timeout) {
        String k = PREFIX + "sms.tencent.";
        return new TencentSmsConfig(s.string(k + "endpoint", TencentSmsConfig.DEFAULT_ENDPOINT),
                s.string(k + "secret-id"), secret(s, k + "secret-key"),
                s.string(k + "region", TencentSmsConfig.DEFAULT_REGION), s.string(k + "sdk-app-id"),
                smsTemplate(s, "tencent"), timeout);
    }

    private static TwilioConfig twilio(Settings s, Duration timeout) {
        String k = PREFIX + "sms.twilio.";
        return valid(k + "from", () -> new TwilioConfig(s.string(k + "endpoint", TwilioConfig.DEFAULT_ENDPOINT),
                s.string(k + "account-sid"), optional(s, k + "api-key-sid"), secret(s, k + "auth-token"),
                optional(s, k + "from"), optional(s, k + "messaging-service-sid"), timeout,
                optional(s, k + "status-callback")));
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
        Duration replayWindow = Duration.ofSeconds(s.integer(k + "replay-window-seconds",
                (int) EventVerifier.DEFAULT_WINDOW.toSeconds(), 30, 3600));
        return valid(k + "format", () -> new DispatchConfig(url, secret(s, k + "secret"),
                s.string(k + "format", "json"), sender, timeout, replayWindow));
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
