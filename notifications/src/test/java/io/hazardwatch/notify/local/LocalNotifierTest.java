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
    void aChannelWithARealProviderOrListedTwiceStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "dispatch",
                "notify.dispatch.url", "https://dispatch.example/hw", "notify.dispatch.secret", "s"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("notify.local.channels: channel 'dispatch'");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "sms,sms"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.local.channels", "S M S"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("notify.local.channels");
        assertThat(NotifierConfig.load(Settings.of(Map.of())).localChannels()).isEmpty();
    }
}
