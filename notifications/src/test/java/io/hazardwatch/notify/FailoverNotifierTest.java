package io.hazardwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.config.NotifierConfig;
import io.hazardwatch.notify.config.Notifiers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverNotifierTest {

    private final Notification leak = Samples.ammoniaLeak("sms", "+8613800138000");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ScriptedProvider first = new ScriptedProvider("first-id");
    private final ScriptedProvider second = new ScriptedProvider("second-id");
    private final FailoverNotifier sms = new FailoverNotifier("sms", ordered(first, second), nanos::get);

    @Test
    void theFirstProviderThatAcceptsSendsAndNamesItselfInTheDelivery() {
        assertThat(Await.result(sms.send(leak))).isEqualTo(new Delivery("sms", "aliyun:first-id"));
        assertThat(first.sent).containsExactly(leak.id());
        assertThat(second.sent).isEmpty();
    }

    @Test
    void aProviderThatIsDownIsSkippedForItsMessageAndTriedLastUntilItsCoolDownEnds() {
        first.fail(() -> NotifyException.retryable("HTTP 503", null));

        assertThat(Await.result(sms.send(leak))).isEqualTo(new Delivery("sms", "tencent:second-id"));
        assertThat(first.sent).hasSize(1);

        // the next message does not wait for the provider that is down
        assertThat(Await.result(sms.send(leak)).providerId()).isEqualTo("tencent:second-id");
        assertThat(first.sent).hasSize(1);
        assertThat(second.sent).hasSize(2);

        // after the cool-down it is first again, and back in favour when it accepts
        first.succeed();
        nanos.addAndGet(FailoverNotifier.COOL_DOWN.toNanos() + 1);
        assertThat(Await.result(sms.send(leak)).providerId()).isEqualTo("aliyun:first-id");
        assertThat(sms.order()).containsExactly("aliyun", "tencent");
    }

    @Test
    void aMessageOneProviderRejectsIsTriedWithTheNextWithoutSidelingTheFirst() {
        first.fail(() -> NotifyException.rejected("isv.SMS_TEMPLATE_ILLEGAL"));

        assertThat(Await.result(sms.send(leak)).providerId()).isEqualTo("tencent:second-id");
        assertThat(sms.order()).containsExactly("aliyun", "tencent");
    }

    @Test
    void whenEveryProviderFailsTheFailureSaysWhyForEachAndIsRetryableIfAnyFailureWas() {
        first.fail(() -> NotifyException.rejected("isv.MOBILE_NUMBER_ILLEGAL"));
        second.fail(() -> NotifyException.retryable("HTTP 429", Duration.ofSeconds(30)));

        NotifyException e = Await.failure(sms.send(leak));

        assertThat(e.getMessage()).isEqualTo(
                "every provider failed: aliyun: isv.MOBILE_NUMBER_ILLEGAL; tencent: HTTP 429");
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void whenEveryProviderRejectsTheMessageSendingItAgainWillNotHelp() {
        first.fail(() -> NotifyException.rejected("bad number"));
        second.fail(() -> NotifyException.rejected("bad number"));

        assertThat(Await.failure(sms.send(leak)).retryable()).isFalse();
    }

    @Test
    void needsTwoProvidersOfItsChannel() {
        assertThatThrownBy(() -> new FailoverNotifier("sms", Map.of("aliyun", first), nanos::get))
                .hasMessageContaining("at least two");
        Notifier push = new ScriptedProvider("p") {
            @Override
            public String channel() {
                return "push";
            }
        };
        assertThatThrownBy(() -> new FailoverNotifier("sms", ordered(first, push), nanos::get))
                .hasMessageContaining("tencent serves channel push");
    }

    /** Two real SMS notifiers from the configuration: Aliyun answers 503, so Tencent Cloud sends the message. */
    @Test
    void configuredWithTwoProvidersAnSmsGoesOutThroughTheSecondWhenTheFirstIsDown(Vertx vertx) {
        LocalProvider aliyun = LocalProvider.start(vertx).answer(Reply.status(503));
        LocalProvider tencent = LocalProvider.start(vertx).answer(Reply.json(200, """
                {"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619",
                 "PhoneNumber":"+8613800138000","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success",
                 "IsoCode":"CN"}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}"""));
        WebClient client = WebClient.create(vertx);
        try {
            NotifierConfig config = NotifierConfig.load(Settings.of(Map.ofEntries(
                    Map.entry("notify.sms.provider", "aliyun, tencent"),
                    Map.entry("notify.sms.sign-name", "园区应急"),
                    Map.entry("notify.sms.template-code", "SMS_465312345"),
                    Map.entry("notify.sms.template-params", "{\"site\":\"${subject}\"}"),
                    Map.entry("notify.sms.aliyun.endpoint", aliyun.baseUrl()),
                    Map.entry("notify.sms.aliyun.access-key-id", "LTAI5tExample"),
                    Map.entry("notify.sms.aliyun.access-key-secret", "ali-secret"),
                    Map.entry("notify.sms.tencent.endpoint", tencent.baseUrl()),
                    Map.entry("notify.sms.tencent.secret-id", "AKIDexample"),
                    Map.entry("notify.sms.tencent.secret-key", "tencent-secret"),
                    Map.entry("notify.sms.tencent.sdk-app-id", "1400000001"),
                    Map.entry("notify.sms.tencent.template-code", "1234567"),
                    Map.entry("notify.sms.tencent.template-params", "[\"${subject}\"]"))));
            assertThat(config.smsProviders()).containsExactly("aliyun", "tencent");
            assertThat(config.aliyunSms().template().templateCode()).isEqualTo("SMS_465312345");
            assertThat(config.tencentSms().template().templateCode()).isEqualTo("1234567");
            assertThat(config.tencentSms().template().signName()).isEqualTo("园区应急");

            Notifier notifier = Notifiers.create(config, client, Samples.CLOCK).get("sms");

            assertThat(Await.result(notifier.send(leak)))
                    .isEqualTo(new Delivery("sms", "tencent:5000:1045710669157053657849499619"));
            assertThat(aliyun.received()).hasSize(1);
            assertThat(tencent.only().body()).contains("\"TemplateId\":\"1234567\"", "\"SmsSdkAppId\":\"1400000001\"");
        } finally {
            client.close();
            aliyun.stop();
            tencent.stop();
        }
    }

    private static Map<String, Notifier> ordered(Notifier aliyun, Notifier tencent) {
        Map<String, Notifier> providers = new LinkedHashMap<>();
        providers.put("aliyun", aliyun);
        providers.put("tencent", tencent);
        return providers;
    }

    /** A provider whose answer the test sets: accepts with {@code id}, or fails as told. */
    private static class ScriptedProvider implements Notifier {
        final List<String> sent = new ArrayList<>();
        private final String id;
        private Supplier<NotifyException> failure;

        ScriptedProvider(String id) {
            this.id = id;
        }

        void fail(Supplier<NotifyException> how) {
            failure = how;
        }

        void succeed() {
            failure = null;
        }

        @Override
        public String channel() {
            return "sms";
        }

        @Override
        public Future<Delivery> send(Notification notification) {
            sent.add(notification.id());
            return failure == null ? Future.succeededFuture(new Delivery("sms", id))
                    : Future.failedFuture(failure.get());
        }
    }
}
