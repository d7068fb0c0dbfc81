package io.hazardwatch.notify.config;

import io.hazardwatch.notify.FailoverNotifier;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.dispatch.DispatchClient;
import io.hazardwatch.notify.http.GenericHttpNotifier;
import io.hazardwatch.notify.im.DingTalkRobotNotifier;
import io.hazardwatch.notify.im.FeishuRobotNotifier;
import io.hazardwatch.notify.im.WeComRobotNotifier;
import io.hazardwatch.notify.local.LocalNotifier;
import io.hazardwatch.notify.push.HttpPush;
import io.hazardwatch.notify.sms.AliyunSmsNotifier;
import io.hazardwatch.notify.sms.TencentSmsNotifier;
import io.hazardwatch.notify.sms.TwilioSmsNotifier;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the configured notifiers, for a service's composition root. */
public final class Notifiers {

    private Notifiers() {
    }

    /** The switched-on notifiers by {@link Notifier#channel()}. */
    public static Map<String, Notifier> create(NotifierConfig c, WebClient client, Clock clock) {
        Map<String, Notifier> all = new LinkedHashMap<>();
        Map<String, Notifier> sms = new LinkedHashMap<>();
        for (String provider : c.smsProviders()) {
            sms.put(provider, switch (provider) {
                case "aliyun" -> new AliyunSmsNotifier(c.aliyunSms(), client, clock);
                case "tencent" -> new TencentSmsNotifier(c.tencentSms(), client, clock);
                case "twilio" -> new TwilioSmsNotifier(c.twilio(), client, clock);
                default -> throw new IllegalStateException("no SMS provider " + provider);
            });
        }
        if (sms.size() == 1) {
            add(all, sms.values().iterator().next());
        } else if (sms.size() > 1) {
            add(all, new FailoverNotifier("sms", sms, System::nanoTime));
        }
        if (c.wecom() != null) {
            add(all, new WeComRobotNotifier(c.wecom(), client, clock, System::nanoTime));
        }
        if (c.dingtalk() != null) {
            add(all, new DingTalkRobotNotifier(c.dingtalk(), client, clock, System::nanoTime));
        }
        if (c.feishu() != null) {
            add(all, new FeishuRobotNotifier(c.feishu(), client, clock, System::nanoTime));
        }
        if (c.push() != null) {
            add(all, HttpPush.notifier(c.push(), client, clock));
        }
        if (c.webhook() != null) {
            add(all, new GenericHttpNotifier(c.webhook(), client, clock));
        }
        if (c.voice() != null) {
            add(all, c.voice().notifier(client, clock));
        }
        // the local outbox takes only the listed channels that no real provider serves
        c.localChannels().forEach(channel -> all.putIfAbsent(channel, new LocalNotifier(channel)));
        return Map.copyOf(all);
    }

    /** The dispatch client, or null when {@code notify.dispatch.url} is not set. */
    public static DispatchClient dispatch(NotifierConfig c, WebClient client, Clock clock) {
        return c.dispatch() == null ? null : new DispatchClient(c.dispatch(), client, clock);
    }

    private static void add(Map<String, Notifier> all, Notifier notifier) {
        if (all.putIfAbsent(notifier.channel(), notifier) != null) {
            throw new IllegalStateException("two notifiers for channel " + notifier.channel());
        }
    }
}
