package io.hazardwatch.notify.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.Recipient;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.dispatch.DispatchAction;
import io.hazardwatch.notify.dispatch.DispatchClient;
import io.hazardwatch.notify.dispatch.DispatchEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every provider, configured as in production, sends through a local server that accepts some messages
 * and refuses others with error bodies that echo the credentials back. Everything logged at any level,
 * every failure message and the config's toString must be free of every credential.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretsStayOutOfLogsTest {

    @Test
    void noCredentialAppearsInAnyLogLineOrFailureMessage(Vertx vertx) throws Exception {
        LocalProvider echo = LocalProvider.start(vertx);
        WebClient client = WebClient.create(vertx);
        StringWriter log = new StringWriter();
        WriterAppender appender = capture(log);
        try {
            List<String> secrets = new ArrayList<>(NotifierConfigTest.SECRETS);
            secrets.add("twilio-token-value");
            // odd requests are refused with the request itself echoed back (URL, headers, body), even ones accepted
            int[] n = {0};
            echo.answer(r -> n[0]++ % 2 == 0
                    ? Reply.json(400, "{\"Code\":\"Bad\",\"errcode\":1,\"code\":1,\"echo\":\"" + r.rawQuery() + " "
                            + r.path() + " " + r.headers().entries().toString().replace("\"", "'") + " "
                            + r.body().replace("\"", "'") + " " + String.join(" ", secrets) + "\"}")
                    : Reply.json(200, "{\"Code\":\"OK\",\"errcode\":0,\"code\":0,\"sid\":\"SM1\"}"));
            NotifierConfig config = NotifierConfig.load(Settings.of(settings(echo.baseUrl())));
            Map<String, Notifier> notifiers = Notifiers.create(config, client, Samples.CLOCK);
            NotifierConfig twilioConfig = NotifierConfig.load(Settings.of(Map.of("notify.sms.provider", "twilio",
                    "notify.sms.twilio.endpoint", echo.baseUrl(), "notify.sms.twilio.account-sid", "AC1",
                    "notify.sms.twilio.auth-token", "twilio-token-value", "notify.sms.twilio.from", "+15005550006")));
            Notifier twilio = Notifiers.create(twilioConfig, client, Samples.CLOCK).get("sms");
            DispatchClient dispatch = Notifiers.dispatch(config, client, Samples.CLOCK);

            List<String> failures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Notifier notifier : notifiers.values()) {
                    failures.add(outcome(notifier.send(message(notifier.channel()))));
                }
                failures.add(outcome(twilio.send(message("sms"))));
                failures.add(outcome(dispatch.send(new DispatchEvent("ev-" + round, "hengda/tank-farm/nh3-01",
                        DispatchAction.TRIGGER, Samples.NOW, AlarmLevel.SECOND, null, "Ammonia leak", "h", "d", "a"))));
            }

            assertThat(echo.received()).hasSizeGreaterThanOrEqualTo(16);
            assertThat(failures).anyMatch(f -> f.contains("400"));
            String everything = log + "\n" + String.join("\n", failures) + "\n" + config + "\n" + twilioConfig;
            assertThat(log.toString()).contains("accepted", "not");
            for (String secret : secrets) {
                assertThat(everything).as("a credential leaked").doesNotContain(secret);
            }
        } finally {
            release(appender);
            client.close();
            echo.stop();
        }
    }

    private static Map<String, String> settings(String base) {
        Map<String, String> s = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("notify.sms.provider", "aliyun"),
                Map.entry("notify.sms.aliyun.endpoint", base),
                Map.entry("notify.sms.aliyun.access-key-id", "LTAI5tExample"),
                Map.entry("notify.sms.aliyun.access-key-secret", "ali-secret-value"),
                Map.entry("notify.sms.sign-name", "sig"),
                Map.entry("notify.sms.template-code", "SMS_1"),
                Map.entry("notify.sms.template-params", "{\"s\":\"${subject}\"}"),
                Map.entry("notify.wecom.robots", "duty-room"),
                Map.entry("notify.wecom.endpoint", base),
                Map.entry("notify.wecom.robot.duty-room.token", "wecom-key-value"),
                Map.entry("notify.dingtalk.robots", "grid-3"),
                Map.entry("notify.dingtalk.endpoint", base),
                Map.entry("notify.dingtalk.robot.grid-3.token", "ding-token-value"),
                Map.entry("notify.dingtalk.robot.grid-3.secret", "ding-sign-value"),
                Map.entry("notify.feishu.robots", "squad"),
                Map.entry("notify.feishu.endpoint", base),
                Map.entry("notify.feishu.robot.squad.token", "feishu-hook-value"),
                Map.entry("notify.feishu.robot.squad.secret", "feishu-sign-value"),
                Map.entry("notify.push.url", base + "/push"),
                Map.entry("notify.push.token", "push-token-value")));
        s.put("notify.webhook.url", base + "/hook");
        s.put("notify.webhook.body-template", "{\"t\":\"${body}\"}");
        s.put("notify.webhook.signing-secret", "hook-sign-value");
        s.put("notify.dispatch.url", base + "/dispatch");
        s.put("notify.dispatch.secret", "dispatch-secret-value");
        return s;
    }

    private static Notification message(String channel) {
        String address = switch (channel) {
            case "sms" -> "+8613800138000";
            case "wecom" -> "duty-room";
            case "dingtalk" -> "grid-3";
            case "feishu" -> "squad";
            default -> "device-1";
        };
        return new Notification("id-" + channel, "hengda/tank-farm/nh3-01", new Recipient("Wang Wei", channel, address),
                AlarmLevel.SECOND, "NH3 alarm", "43 ppm");
    }

    private static String outcome(Future<?> sent) {
        try {
            sent.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            return "ok";
        } catch (Exception e) {
            return String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
        }
    }

    private static WriterAppender capture(StringWriter out) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName("secrets-capture").setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %msg %throwable%n").build()).build();
        appender.start();
        cfg.addAppender(appender);
        for (LoggerConfig logger : List.of(cfg.getRootLogger(), cfg.getLoggerConfig("io.hazardwatch"))) {
            logger.addAppender(appender, Level.ALL, null);
        }
        cfg.getLoggerConfig("io.hazardwatch").setLevel(Level.ALL);
        ctx.updateLoggers();
        return appender;
    }

    private static void release(WriterAppender appender) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        cfg.getRootLogger().removeAppender(appender.getName());
        cfg.getLoggerConfig("io.hazardwatch").removeAppender(appender.getName());
        cfg.getLoggerConfig("io.hazardwatch").setLevel(Level.INFO);
        ctx.updateLoggers();
        appender.stop();
    }
}
