package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who hears what, through the running service (scripted alarms, incidents in memory, the real generic HTTP
 * notifier to a local provider): a second level after acknowledgement, inhibition by an offline device,
 * grouping in an alarm storm.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NotificationRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String GAS_INCIDENT = Incident.idOf(GAS_KEY, T0);

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private Vertx vertx;
    private Path dir;
    private ProviderFake provider;
    private WebClient web;
    private AlertServiceApp app;

    @BeforeEach
    void provider(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        this.dir = dir;
        provider = ProviderFake.start(vertx);
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            Await.result(app.stop());
        }
        provider.close();
    }

    private void start(String policy) {
        AlertServiceConfig config = TestFiles.config(dir, policy, Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(),
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
    }

    @Test
    void aSecondLevelAfterTheFirstWasAcknowledgedIsToldToTheRungAndTheAcknowledgerAgain() throws Exception {
        // grid1 (a user of the API) is also a person in the policy, reachable by push
        start(TestFiles.quietPolicy().replace("people:\n",
                "people:\n  - {id: grid1, name: Grid One, channel: push, address: grid1-phone}\n"));
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        Await.until(() -> provider.to("member-1").size() == 1 ? true : null, () -> provider.received().toString());
        HttpResponse<Buffer> ack = Await.result(web.post(app.httpPort(), "127.0.0.1",
                "/api/incidents/" + GAS_INCIDENT + "/acknowledge").basicAuthentication("grid1", TestFiles.PASSWORD).send());
        assertThat(ack.statusCode()).isEqualTo(200);

        Await.result(source.deliver(gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40))));

        Await.until(() -> provider.to("member-1").size() == 2 && provider.to("grid1-phone").size() == 1 ? true : null,
                () -> provider.received().toString());
        assertThat(provider.to("member-1").get(1).body().getString("subject")).startsWith("【升级】【二级报警】");
        assertThat(provider.to("grid1-phone").get(0).body().getString("subject")).startsWith("【升级】【二级报警】");
        Thread.sleep(1000);
        assertThat(provider.received()).as("told once each; acknowledged, so no further step").hasSize(3);
    }

    @Test
    void anOfflineDeviceHoldsBackItsSensorsValueAlarmsUntilItIsBackOnline() throws Exception {
        start(TestFiles.quietPolicy());
        Await.result(source.deliver(offline(RAISED, FIRST, T0)));
        Await.until(() -> provider.to("member-1").size() == 1 ? true : null, () -> provider.received().toString());
        assertThat(provider.to("member-1").get(0).body().getString("body")).contains("离线");

        // WHEN a value alarm of a sensor of that device comes in while the device is offline
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0.plusSeconds(5), T0.plusSeconds(5))));
        String gasIncident = Incident.idOf(GAS_KEY, T0.plusSeconds(5));

        // THEN its incident is shown, inhibited, and nobody is told
        JsonObject incident = Await.until(() -> {
            JsonObject i = incident(gasIncident);
            return i != null && i.getString("suppressedBy") != null ? i : null;
        }, () -> String.valueOf(incident(gasIncident)));
        assertThat(incident.getString("suppressedBy")).contains("inhibited", "OFFLINE", "offline");
        Thread.sleep(1000);
        assertThat(provider.received()).hasSize(1);

        // AND once the device is back, the still-active value alarm is told
        Await.result(source.deliver(offline(CLEARED, NONE, T0)));
        Await.until(() -> provider.to("member-1").size() == 2 ? true : null, () -> provider.received().toString());
        assertThat(provider.to("member-1").get(1).body().getString("subject")).contains("Test Chemicals A tank-1 可燃气体");
        assertThat(incident(gasIncident).getString("suppressedBy")).isNull();
    }

    @Test
    void manyAlarmsOfOneEnterpriseWithinTheStormWindowReachEachRecipientAsOneGroupedMessage() throws Exception {
        // storm window 2 s
        start(TestFiles.policy(3_600_000, 7_200_000, 3_600_000, 2_000));

        Await.result(source.deliver(
                gas(RAISED, FIRST, 30, 25.0, T0, T0),
                alarm(TestRegistry.ENT_A_TEMP, SensorType.TEMPERATURE, AlarmEvent.THRESHOLD, 65, "degC"),
                alarm(TestRegistry.ENT_A_GAS, SensorType.COMBUSTIBLE_GAS, AlarmEvent.TREND, 28, "%LEL"),
                alarm(TestRegistry.ENT_A_TEMP, SensorType.TEMPERATURE, AlarmEvent.TREND, 62, "degC"),
                ammonia(RAISED, FIRST, 30, 25.0, T0, T0)));

        // THEN the grid member of ent-a gets the first alarm at once and the other three in one message
        Await.until(() -> provider.to("member-1").size() == 2 ? true : null, () -> provider.received().toString());
        ProviderFake.Received first = provider.to("member-1").get(0);
        ProviderFake.Received grouped = provider.to("member-1").get(1);
        assertThat(first.body().getString("subject")).contains("Test Chemicals A tank-1 可燃气体");
        assertThat(grouped.body().getString("subject")).isEqualTo("Test Chemicals A 3 起报警");
        assertThat(grouped.body().getString("body")).contains("tank-1 温度 temp-1", "趋势预警",
                "请在值班台确认这 3 起事件");
        // AND ent-b's member is told on their own, unaffected by ent-a's storm
        assertThat(provider.to("member-2")).hasSize(1);
        Thread.sleep(1000);
        assertThat(provider.received()).hasSize(3);
    }

    private JsonObject incident(String id) {
        HttpResponse<Buffer> r = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + id)
                .basicAuthentication("duty", TestFiles.PASSWORD).send());
        return r.statusCode() == 200 ? r.bodyAsJsonObject() : null;
    }

    /** The device (gateway) tank-1 of ent-a silent: key {@code ent-a/tank-1//OFFLINE}, empty sensor. */
    private static AlarmEvent offline(AlarmTransition transition, AlarmLevel level, Instant episodeStart) {
        Instant at = transition == RAISED ? episodeStart : episodeStart.plusSeconds(60);
        return new AlarmEvent(AlarmEvent.SCHEMA, TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE + "//OFFLINE",
                TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, "", null, AlarmEvent.OFFLINE, level, transition, 120, 60.0,
                "s", "offline:ent-a/tank-1", 1, episodeStart, at, at.plusMillis(250));
    }

    /** A first-level alarm of ent-a raised at T0. */
    private static AlarmEvent alarm(String sensor, SensorType type, String alarmType, double value, String unit) {
        String key = TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE + "/" + sensor + "/" + alarmType;
        return new AlarmEvent(AlarmEvent.SCHEMA, key, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, sensor, type,
                alarmType, FIRST, RAISED, value, null, unit, alarmType.toLowerCase() + ":" + sensor, 1, T0, T0,
                T0.plusMillis(250));
    }
}
