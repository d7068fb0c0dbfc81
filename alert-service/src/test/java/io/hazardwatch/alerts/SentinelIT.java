package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.sentinel.Sentinel;
import io.hazardwatch.alerts.sentinel.SentinelConfig;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentinel beside the real alert service: quiet while the service answers; once the service is gone it pages
 * every rung on call for the watchdog's grid cell through the service's own notifier settings (a local provider),
 * after its limit and not before; when the service is back it tells them once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SentinelIT {

    private static final Set<String> ON_CALL_OF_GRID_1 = Set.of("member-1", "leader-1", "squad");

    @Test
    void pagesTheOnCallWhenTheAlertServiceIsGoneAndTellsThemWhenItIsBack(Vertx vertx, @TempDir Path dir) throws Exception {
        ProviderFake provider = ProviderFake.start(vertx);
        int port = FreePort.find();
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.sentinel", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.sentinel", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.sentinel", 1),
                "alert.http.port", Integer.toString(port),
                "alert.watchdog.grid-cell", "grid-1"));
        AlertServiceConfig service = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        // the sentinel reads the same file; the service's notifier settings point at the local provider
        settings.putAll(Map.of("alert.notify.channels", "push", "alert.notify.push.url", provider.url(),
                SentinelConfig.DOWN_AFTER, "5", SentinelConfig.CHECK, "1"));
        AlertServiceConfig same = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        Settings file = Settings.of(settings);

        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, service));
        Await.result(app.loaded());
        WebClient web = WebClient.create(vertx);
        Await.until(() -> Await.result(web.get(port, "127.0.0.1", "/health").send()).statusCode() == 200 ? true : null,
                () -> "the service's /health not 200");

        Sentinel sentinel = new Sentinel(vertx, SentinelConfig.from(file, same),
                AlertingPolicy.load(same.policyFile(), AlertServiceConfig.POLICY_FILE), same.watchdog().gridCell(),
                AlertServiceApp.outgoing(vertx, same, Clock.systemUTC()).notifiers(), Clock.systemUTC());
        sentinel.start();
        try {
            Thread.sleep(3_000);
            assertThat(pages(provider, "unreachable")).as("quiet while the service answers").isEmpty();

            // WHEN the alert service is gone
            Await.result(app.stop());
            long stopped = System.nanoTime();
            List<ProviderFake.Received> down = Await.until(() -> {
                List<ProviderFake.Received> found = pages(provider, "unreachable");
                return found.size() >= ON_CALL_OF_GRID_1.size() ? found : null;
            }, () -> provider.received().toString());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

            // THEN every rung on call for the grid cell is paged once, after the limit
            assertThat(down.stream().map(ProviderFake.Received::address).collect(Collectors.toSet()))
                    .isEqualTo(ON_CALL_OF_GRID_1);
            assertThat(down).hasSize(ON_CALL_OF_GRID_1.size());
            assertThat(tookMs).as("paged after the 5 s limit, within a few checks of it").isBetween(4_500L, 12_000L);
            assertThat(down.get(0).body().getString("level")).isEqualTo("SECOND");
            assertThat(down.get(0).body().getString("body")).contains("alarms reach neither the duty room's board nor the on-call");

            // WHEN it is back (same port), THEN they are told once
            AlertServiceApp again = Await.result(AlertServiceApp.start(vertx, service));
            try {
                List<ProviderFake.Received> back = Await.until(() -> {
                    List<ProviderFake.Received> found = pages(provider, "back");
                    return found.size() >= ON_CALL_OF_GRID_1.size() ? found : null;
                }, () -> provider.received().toString());
                assertThat(back.stream().map(ProviderFake.Received::address).collect(Collectors.toSet()))
                        .isEqualTo(ON_CALL_OF_GRID_1);
                Thread.sleep(2_000);
                assertThat(pages(provider, "back")).hasSize(ON_CALL_OF_GRID_1.size());
                assertThat(pages(provider, "unreachable")).as("no page again within the repeat interval")
                        .hasSize(ON_CALL_OF_GRID_1.size());
            } finally {
                Await.result(again.stop());
            }
        } finally {
            sentinel.stop();
            provider.close();
        }
    }

    /** The sentinel's pages whose subject contains {@code word}. */
    private static List<ProviderFake.Received> pages(ProviderFake provider, String word) {
        return provider.matching(r -> Sentinel.INCIDENT_KEY.equals(r.body().getString("incidentKey"))
                && r.body().getString("subject").contains(word));
    }
}
