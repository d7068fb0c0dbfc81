package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
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
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert service against the real Kafka broker of the test stack (deploy/infra.sh up): incidents kept in
 * fresh state and event-log topics, messages sent through the real generic HTTP notifier to a local provider.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertServiceIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    private Vertx vertx;
    private Path dir;
    private KafkaProducer<String, byte[]> producer;
    private WebClient web;
    private ProviderFake provider;
    private Map<String, String> topics;

    @BeforeEach
    void freshTopics(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        this.dir = dir;
        topics = Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 2),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1));
        producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer());
        web = WebClient.create(vertx);
        provider = ProviderFake.start(vertx);
    }

    @AfterEach
    void closeProducer() {
        producer.close();
        provider.close();
    }

    private AlertServiceApp start(AlertServiceConfig config) {
        Map<String, Notifier> notifiers = Map.of("push", provider.notifier(vertx, "push"));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, new io.hazardwatch.alerts.kafka
                .AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()), new KafkaIncidentStore(vertx,
                config.kafkaBootstrap(), config.incidentStateTopic(), config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                notifiers, Clock.systemUTC()));
        Await.result(app.loaded());
        return app;
    }

    @Test
    void oneIncidentPerEpisodeUnderRedeliveryAndRestartAndTheBoardFollowsTheTopic() throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), topics);
        // GIVEN alarms on the topic, with a redelivered escalation and a record that is not an alarm event
        send(config, GAS_KEY, gas(RAISED, FIRST, 30, 25.0, T0, T0));
        send(config, GAS_KEY, gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)));
        send(config, GAS_KEY, gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)));
        send(config, GAS_KEY, gas(RAISED, FIRST, 30, 25.0, T0, T0));
        send(config, NH3_KEY, ammonia(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60)));
        sendRaw(config, GAS_KEY, "this is not an alarm event".getBytes(StandardCharsets.UTF_8));

        // WHEN the service starts
        AlertServiceApp app = start(config);

        // THEN the gas alarm is on the board once, at level 2, above the ammonia warning
        JsonArray board = awaitBoard(app, alarms -> alarms.size() == 2);
        assertThat(board.getJsonObject(0).getString("alarmKey")).isEqualTo(GAS_KEY);
        assertThat(board.getJsonObject(0).getString("level")).isEqualTo("SECOND");
        assertThat(board.getJsonObject(0).getString("gridCell")).isEqualTo("grid-1");
        assertThat(board.getJsonObject(1).getString("alarmKey")).isEqualTo(NH3_KEY);
        awaitFeed(app, "LIVE");

        // AND a live client gets the snapshot, then the CLEARED as it is produced
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        assertThat(stream.nextEvent(Await.LIMIT).name()).isEqualTo("snapshot");
        AlarmEvent cleared = gas(CLEARED, NONE, 10, 25.0, T0, T0.plusSeconds(120));
        send(config, GAS_KEY, cleared);
        SseClient.Frame change = stream.nextEvent("alarm", Await.LIMIT);
        BoardRows.assertClearedUnacknowledged(change.data(), cleared);
        awaitBoard(app, alarms -> alarms.size() == 1);
        Await.result(stream.close());
        String gasIncident = Incident.idOf(GAS_KEY, T0);
        JsonObject acked = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents/" + gasIncident + "/acknowledge")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
        assertThat(acked.getString("status")).isEqualTo("CLEARED");

        // AND after a restart, with the whole history redelivered once more, nothing changes
        Await.result(app.stop());
        send(config, GAS_KEY, gas(RAISED, FIRST, 30, 25.0, T0, T0));
        send(config, GAS_KEY, gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)));
        send(config, GAS_KEY, cleared);
        AlertServiceApp restarted = start(config);
        awaitFeed(restarted, "LIVE");
        JsonArray rebuilt = awaitBoard(restarted, alarms -> alarms.size() == 1);
        assertThat(rebuilt.getJsonObject(0).getString("alarmKey")).isEqualTo(NH3_KEY);
        JsonObject gas = Await.result(web.get(restarted.httpPort(), "127.0.0.1", "/api/incidents/" + gasIncident)
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
        assertThat(gas.getString("status")).isEqualTo("CLEARED");
        assertThat(gas.getJsonObject("acknowledged").getString("by")).isEqualTo("duty");
        JsonArray all = Await.result(web.get(restarted.httpPort(), "127.0.0.1", "/api/incidents")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
        assertThat(all).hasSize(2);
        // let the redelivered records be applied (they are, as no-ops) before reading the audit log
        Thread.sleep(1000);
        Await.result(restarted.stop());

        // THEN the audit log holds each change of the gas incident exactly once, with who and when
        List<IncidentEvent> log = auditLog(config, gasIncident, events -> events.stream()
                .anyMatch(e -> e.type() == IncidentEvent.Type.ACKNOWLEDGED));
        assertThat(log).extracting(IncidentEvent::type).containsSubsequence(IncidentEvent.Type.RAISED,
                IncidentEvent.Type.LEVEL_RAISED, IncidentEvent.Type.CLEARED, IncidentEvent.Type.ACKNOWLEDGED);
        assertThat(log).filteredOn(e -> e.type() == IncidentEvent.Type.RAISED).hasSize(1);
        assertThat(log).filteredOn(e -> e.type() == IncidentEvent.Type.LEVEL_RAISED).hasSize(1);
        assertThat(log).filteredOn(e -> e.type() == IncidentEvent.Type.CLEARED).hasSize(1);
        assertThat(log).extracting(IncidentEvent::seq).doesNotHaveDuplicates();
        assertThat(log).filteredOn(e -> e.type() == IncidentEvent.Type.ACKNOWLEDGED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("duty"));
    }

    @Test
    void escalationStepsFireOnTimeAndStopOnAcknowledgement() throws Exception {
        // grid member at once, leader after 2 s, squad after 8 s; the test acknowledges between leader and squad
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.policy(2_000, 8_000, 600_000, 0), topics);
        AlertServiceApp app = start(config);
        send(config, GAS_KEY, gas(RAISED, SECOND, 55, 50.0, T0, T0));
        String id = Incident.idOf(GAS_KEY, T0);

        Await.until(() -> provider.to("leader-1").size() == 1 ? true : null, () -> provider.received().toString());
        HttpResponse<Buffer> ack = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents/" + id + "/acknowledge")
                .basicAuthentication("grid1", TestFiles.PASSWORD).send());
        assertThat(ack.statusCode()).isEqualTo(200);
        Instant openedAt = Instant.parse(ack.bodyAsJsonObject().getString("openedAt"));
        Instant ackedAt = Instant.parse(ack.bodyAsJsonObject().getJsonObject("acknowledged").getString("at"));
        assertThat(ackedAt).as("the test must acknowledge before the squad step is due").isBefore(openedAt.plusSeconds(8));

        // wait past the squad's due time (and a margin for a slow machine): nobody else is called
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), openedAt.plusSeconds(10)).toMillis()));
        assertThat(provider.to("member-1")).singleElement()
                .satisfies(m -> assertThat(m.at()).isBefore(openedAt.plusSeconds(2)));
        assertThat(provider.to("leader-1")).singleElement()
                .satisfies(m -> assertThat(m.at()).isAfterOrEqualTo(openedAt.plusSeconds(2)));
        assertThat(provider.to("squad")).isEmpty();
        assertThat(provider.received()).hasSize(2);
        Await.result(app.stop());
    }

    @Test
    void aRestartInTheMiddleOfAnEscalationLosesAndRepeatsNothing() throws Exception {
        // member at once, leader after 4 s, squad after 8 s; reminders only after 10 minutes
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.policy(4_000, 8_000, 600_000, 0), topics);
        AlertServiceApp app = start(config);
        provider.refuseNext(1);
        send(config, GAS_KEY, gas(RAISED, SECOND, 55, 50.0, T0, T0));
        send(config, NH3_KEY, ammonia(RAISED, FIRST, 30, 25.0, T0, T0));
        Await.until(() -> provider.to("member-1").size() == 1 && provider.to("member-2").size() == 1 ? true : null,
                () -> provider.received().toString());
        assertThat(provider.refused()).as("one message was refused once and retried").isEqualTo(1);
        JsonObject gas = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + Incident.idOf(GAS_KEY, T0))
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
        Instant openedAt = Instant.parse(gas.getString("openedAt"));

        // WHEN the service is restarted before the leader step is due
        Await.result(app.stop());
        assertThat(Instant.now()).as("restart must happen before the leader step").isBefore(openedAt.plusSeconds(4));
        AlertServiceApp restarted = start(config);

        // THEN every rung is called exactly once per incident, the later ones on time
        Await.until(() -> provider.to("squad").size() == 2 ? true : null, () -> provider.received().toString());
        Thread.sleep(1500);
        assertThat(provider.to("member-1")).hasSize(1);
        assertThat(provider.to("member-2")).hasSize(1);
        assertThat(provider.to("leader-1")).singleElement()
                .satisfies(m -> assertThat(m.at()).isAfterOrEqualTo(openedAt.plusSeconds(4)));
        assertThat(provider.to("leader-2")).hasSize(1);
        assertThat(provider.to("squad")).hasSize(2)
                .allSatisfy(m -> assertThat(m.at()).isAfterOrEqualTo(openedAt.plusSeconds(8)));
        assertThat(provider.received()).hasSize(6).extracting(ProviderFake.Received::id).doesNotHaveDuplicates();
        JsonArray deliveries = Await.result(web.get(restarted.httpPort(), "127.0.0.1", "/api/deliveries")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
        assertThat(deliveries).hasSize(6).allSatisfy(d -> assertThat(((JsonObject) d).getJsonObject("delivery")
                .getString("status")).isEqualTo("SENT"));
        assertThat(deliveries.stream().mapToInt(d -> ((JsonObject) d).getJsonObject("delivery").getInteger("attempts")).sum())
                .isEqualTo(7);
        Await.result(restarted.stop());
    }

    private List<IncidentEvent> auditLog(AlertServiceConfig config, String incidentId, Predicate<List<IncidentEvent>> done) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTestTopics.readUntil(config.incidentEventTopic(),
                read -> done.test(events(read, incidentId)), Duration.ofSeconds(20));
        return events(records, incidentId);
    }

    private static List<IncidentEvent> events(List<ConsumerRecord<String, byte[]>> records, String incidentId) {
        return records.stream().filter(r -> incidentId.equals(r.key()))
                .map(r -> Json.fromBytes(r.value(), IncidentEvent.class)).toList();
    }

    private void send(AlertServiceConfig config, String key, AlarmEvent event) throws Exception {
        sendRaw(config, key, Json.toBytes(event));
    }

    private void sendRaw(AlertServiceConfig config, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(config.alarmsTopic(), key, value)).get(30, TimeUnit.SECONDS);
    }

    private JsonArray awaitBoard(AlertServiceApp app, Predicate<JsonArray> done) throws InterruptedException {
        JsonArray[] last = {null};
        return Await.until(() -> {
            HttpResponse<Buffer> response = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                    .basicAuthentication("duty", TestFiles.PASSWORD).send());
            last[0] = response.bodyAsJsonArray();
            return done.test(last[0]) ? last[0] : null;
        }, () -> String.valueOf(last[0]));
    }

    private void awaitFeed(AlertServiceApp app, String state) throws InterruptedException {
        JsonObject[] last = {null};
        Await.until(() -> {
            HttpResponse<Buffer> response = Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send());
            last[0] = response.bodyAsJsonObject();
            return state.equals(last[0].getString("alarmFeed")) ? last[0] : null;
        }, () -> String.valueOf(last[0]));
    }
}
