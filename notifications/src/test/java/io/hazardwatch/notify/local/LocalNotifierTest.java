package io.hazardwatch.notify.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.config.NotifierConfig;
import io.hazardwatch.notify.config.Notifiers;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalNotifierTest {

    @Test
    void theListedChannelsAreServedByTheLocalOutboxWhichTakesEveryMessageAtOnce() {
        NotifierConfig config = NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "sms, wecom ,dispatch")));
        Vertx vertx = Vertx.vertx();
        try {
            Map<String, Notifier> notifiers = Notifiers.create(config, WebClient.create(vertx), Samples.CLOCK);

            assertThat(config.localChannels()).containsExactly("sms", "wecom", "dispatch");
            assertThat(notifiers).containsOnlyKeys("sms", "wecom", "dispatch");
            assertThat(notifiers.get("sms")).isInstanceOf(LocalNotifier.class);
            Notification leak = Samples.ammoniaLeak("sms", "+8613800138000");
            Delivery delivery = notifiers.get("sms").send(leak).result();
            assertThat(delivery.channel()).isEqualTo("sms");
            assertThat(delivery.providerId()).isEqualTo(LocalNotifier.PROVIDER_PREFIX + leak.id());
        } finally {
            vertx.close();
        }
    }

    @Test
    void aChannelWithARealProviderGoesToItAndAChannelListedTwiceStopsStartupNamingTheKey() {
        NotifierConfig config = NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "sms,webhook",
                "notify.webhook.url", "https://hooks.example/hw", "notify.webhook.body-template", "{\"s\":\"${subject}\"}")));
        Vertx vertx = Vertx.vertx();
        try {
            Map<String, Notifier> notifiers = Notifiers.create(config, WebClient.create(vertx), Samples.CLOCK);
            assertThat(notifiers.get("webhook")).isNotInstanceOf(LocalNotifier.class);
            assertThat(notifiers.get("sms")).isInstanceOf(LocalNotifier.class);
        } finally {
            vertx.close();
        }
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "sms,sms"))))
                .isInstanceOf(ConfigException.class).hasMessage("notify.local.channels: channel 'sms' is listed twice");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "S M S"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("notify.local.channels");
        assertThat(NotifierConfig.load(Settings.of(Map.of())).localChannels()).isEmpty();
    }
}
