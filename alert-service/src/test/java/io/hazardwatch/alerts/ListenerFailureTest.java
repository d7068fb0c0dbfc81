package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.risk.RiskState;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine tells several listeners of each change (the board, the grading's tallies, the history marks): one
 * that fails on everything must not keep an alarm from being stored, shown and sent to the on-call.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerFailureTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void aListenerThatFailsOnEveryChangeHoldsBackNeitherTheCommitNorTheBoardNorTheMessage(Vertx vertx, @TempDir Path dir) throws Exception {
        ProviderFake provider = ProviderFake.start(vertx);
        ScriptedAlarmSource source = new ScriptedAlarmSource();
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, source, store,
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        try {
            Await.result(app.loaded());
            app.engine().addListener(new IncidentEngine.Listener() {
                @Override
                public void alarmChanged(Incident incident) {
                    throw new IllegalStateException("broken listener");
                }

                @Override
                public void incidentChanged(Incident incident) {
                    throw new IllegalStateException("broken listener");
                }

                @Override
                public void riskChanged(RiskState state) {
                    throw new IllegalStateException("broken listener");
                }
            });

            Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));

            String id = Incident.idOf(GAS_KEY, T0);
            Await.until(() -> store.stored(id), () -> "not stored");
            Await.until(() -> provider.to("member-1").isEmpty() ? null : true, () -> provider.received().toString());
            String active = Await.result(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                    .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsString();
            assertThat(active).contains(GAS_KEY);
        } finally {
            Await.result(app.stop());
            provider.close();
        }
    }
}
