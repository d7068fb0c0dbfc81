package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.alerts.kafka.HeartbeatConsumer;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * The watchdog against the real broker: the stages' heartbeats are produced onto a fresh topic as the jobs and
 * the gateway send them; the service stores incidents in fresh topics and tells the on-call through a local
 * push provider. The default rules (detection DOWN after 30 s without a heartbeat).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WatchdogIT {

    private static final String DETECTION_KEY = "hazardwatch/monitoring/detection/MONITORING";

    private Vertx vertx;
    private Path dir;
    private KafkaProducer<String, byte[]> producer;
    private WebClient web;
    private ProviderFake provider;
    private Map<String, String> topics;
    private ScheduledExecutorService beats;
    private volatile boolean detectionBeats = true;

    @BeforeEach
    void freshTopics(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        this.dir = dir;
        topics = Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1),
                "topic.heartbeats", KafkaTestTopics.create("hazardwatch.heartbeats.it", 1));
        producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new ByteArraySerializer());
        web = WebClient.create(vertx);
        provider = ProviderFake.start(vertx);
        beats = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopBeating() throws InterruptedException {
        beats.shutdownNow();
        beats.awaitTermination(5, TimeUnit.SECONDS);
        producer.close();
        provider.close();
    }

    /** As the gateway and the two jobs do (every second here, to keep the test short): one heartbeat per stage. */
    private void beatEverySecond(String topic) {
        beatEverySecond(producer, topic);
    }

    private void beatEverySecond(KafkaProducer<String, byte[]> producer, String topic) {
        beats.scheduleAtFixedRate(() -> {
            Instant now = Instant.now();
            send(producer, topic, new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.GATEWAY, "127.0.0.1:1883", now, null, null, null, null));
            send(producer, topic, new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.HISTORY, "history-0", now, now, null, null, null));
            if (detectionBeats) {
                send(producer, topic, new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.DETECTION, "detection-0", now, now, 120L,
                        null, null));
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Heartbeat heartbeat) {
        producer.send(new ProducerRecord<>(topic, heartbeat.key(), Json.toBytes(heartbeat)));
    }

    @Test
    void detectionHeartbeatsStoppingRaiseOneSystemIncidentWithinThirtySecondsThatClearsWhenTheyResume() throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), topics);
        Map<String, Notifier> notifiers = Map.of("push", provider.notifier(vertx, "push"));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config,
                new AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()),
                new KafkaIncidentStore(vertx, config.kafkaBootstrap(), config.incidentStateTopic(),
                        config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                notifiers, null, new HeartbeatConsumer(config.kafkaBootstrap(), config.watchdog().heartbeatsTopic(), config.kafkaAuth()),
                Clock.systemUTC()));
        Await.result(app.loaded());

        // GIVEN every stage beating: all five stages OK
        beatEverySecond(config.watchdog().heartbeatsTopic());
        awaitMonitoring(app, view -> allOk(view) ? view : null, Duration.ofSeconds(30));
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        assertThat(stream.nextEvent(Await.LIMIT).name()).isEqualTo("snapshot");
        SseClient.Frame header = stream.nextEvent(Await.LIMIT);
        assertThat(header.name()).isEqualTo("monitoring");
        assertThat(allOk(new JsonObject(header.data()))).as(header.data()).isTrue();

        // WHEN the detection job stops beating
        detectionBeats = false;
        Instant stopped = Instant.now();

        // THEN within 30 s (+ a tick and the last heartbeat's way) one level-2 system incident is on the board
        JsonObject alarm = awaitActive(app, board -> find(board, DETECTION_KEY), Duration.ofSeconds(45));
        Duration took = Duration.between(stopped, Instant.now());
        assertThat(took).as("raised after the 30 s rule, not before").isBetween(Duration.ofSeconds(28),
                Duration.ofSeconds(33));
        assertThat(alarm.getString("level")).isEqualTo("SECOND");
        assertThat(alarm.getString("alarmType")).isEqualTo("MONITORING");
        assertThat(alarm.getString("gridCell")).isEqualTo("*");
        JsonObject detection = stage(awaitMonitoring(app, view -> "DOWN".equals(stage(view, "DETECTION")
                .getString("state")) ? view : null, Duration.ofSeconds(5)), "DETECTION");
        assertThat(detection.getString("reason")).contains("no heartbeat since");

        // AND the live board heard of it: the stage's change and the alarm
        SseClient.Frame change = stream.nextEvent("monitoring", Await.LIMIT);
        assertThat(stage(new JsonObject(change.data()), "DETECTION").getString("state")).isEqualTo("DOWN");
        SseClient.Frame raised = stream.nextEvent("alarm", Await.LIMIT);
        assertThat(new JsonObject(raised.data()).getJsonObject("alarm").getString("alarmKey")).isEqualTo(DETECTION_KEY);

        // AND the on-call of every grid cell is told, like for a level-2 alarm, with stage and since
        ProviderFake.Received told = Await.until(() -> provider.to("member-1").isEmpty() ? null
                : provider.to("member-1").get(0), () -> provider.received().toString());
        assertThat(told.body().getString("body")).contains("HazardWatch 监测中断：detection，自 ");
        Await.until(() -> provider.to("member-2").isEmpty() ? null : true, () -> provider.received().toString());
        String id = Incident.idOf(DETECTION_KEY, Instant.parse(alarm.getString("raisedAt")));
        JsonObject incident = incident(app, id);
        assertThat(incident.getString("status")).isEqualTo("RAISED");

        // WHEN it beats again THEN the system incident clears by itself, and the stage is OK again
        detectionBeats = true;
        awaitActive(app, board -> find(board, DETECTION_KEY) == null ? board : null, Duration.ofSeconds(15));
        awaitMonitoring(app, view -> allOk(view) ? view : null, Duration.ofSeconds(10));
        assertThat(incident(app, id).getString("status")).isEqualTo("CLEARED_UNACKNOWLEDGED");
        assertThat(provider.received()).as("one message per on-call person, no more")
                .extracting(ProviderFake.Received::address).containsExactlyInAnyOrder("member-1", "member-2");
        JsonArray all = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
        assertThat(all).as("one system incident for the outage").hasSize(1);
        Await.result(stream.close());
        Await.result(app.stop());
    }

    @Test
    void anEnterpriseWhoseDevicesAreAllOfflineRaisesOneSilentIncidentToItsGridThatClearsWhenADeviceIsBack()
            throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(topics);
        // no heartbeats in this test: the stages stay UNKNOWN for its length
        settings.put("alert.watchdog.start-grace-ms", "600000");
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        AlertServiceApp app = start(config, config.kafkaBootstrap(), Map.of("push", provider.notifier(vertx, "push")));
        Instant offlineSince = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(90);
        String offlineKey = "ent-b/room-1//OFFLINE";

        // WHEN the only device of ent-b goes offline (the detection job's device-level OFFLINE)
        sendAlarm(config, offline(offlineKey, io.hazardwatch.model.AlarmTransition.RAISED, offlineSince));

        // THEN one level-2 "silent" incident under ent-b's name, for its grid: grid-2's member is told
        String silentKey = "ent-b/monitoring/silent/MONITORING";
        JsonObject silent = awaitActive(app, board -> find(board, silentKey), Duration.ofSeconds(20));
        assertThat(silent.getString("level")).isEqualTo("SECOND");
        assertThat(silent.getString("gridCell")).isEqualTo("grid-2");
        assertThat(silent.getString("raisedAt")).isEqualTo(offlineSince.toString());
        ProviderFake.Received told = Await.until(() -> provider.to("member-2").stream()
                .filter(m -> m.body().getString("body").contains("监测中断")).findFirst().orElse(null),
                () -> provider.received().toString());
        assertThat(told.body().getString("body")).contains("Test Cold Store B 监测中断：全部设备离线");
        JsonObject monitoring = awaitMonitoring(app, v -> v, Duration.ofSeconds(5));
        assertThat(monitoring.getJsonArray("silentEnterprises").getJsonObject(0).getString("enterprise")).isEqualTo("ent-b");
        assertThat(provider.to("member-1")).as("ent-a's grid is not concerned").isEmpty();

        // WHEN the device sends again THEN the silent incident clears by itself
        sendAlarm(config, offline(offlineKey, io.hazardwatch.model.AlarmTransition.CLEARED, offlineSince));
        awaitActive(app, board -> board.isEmpty() ? board : null, Duration.ofSeconds(20));
        Await.result(app.stop());
    }

    @Test
    void sendsFailingInARowMakeNotificationsDegradedWithAnIncidentThatClearsOnceAMessageGoesThrough() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(topics);
        settings.put("alert.watchdog.start-grace-ms", "600000");
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        AlertServiceApp app = start(config, config.kafkaBootstrap(), Map.of("push", provider.notifier(vertx, "push")));
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        // GIVEN the push provider refuses its next requests (503)
        provider.refuseNext(6);

        // WHEN an alarm is to be sent
        sendAlarm(config, AlarmEvents.gas(io.hazardwatch.model.AlarmTransition.RAISED, io.hazardwatch.model.AlarmLevel.SECOND,
                55, 50.0, Instant.now().minusSeconds(5), Instant.now().minusSeconds(5)));

        // THEN after 3 failed sends in a row the notifications stage is DEGRADED
        JsonObject degraded = null;
        while (degraded == null) {
            SseClient.Frame frame = stream.nextEvent("monitoring", Await.LIMIT);
            JsonObject notifications = stage(new JsonObject(frame.data()), "NOTIFICATIONS");
            degraded = "DEGRADED".equals(notifications.getString("state")) ? notifications : null;
        }
        assertThat(degraded.getString("reason")).contains("3 messages in a row could not be sent").contains("503");

        // AND once the provider accepts again it is OK, and its system incident was raised and is cleared
        awaitMonitoring(app, v -> "OK".equals(stage(v, "NOTIFICATIONS").getString("state")) ? v : null,
                Duration.ofSeconds(20));
        JsonArray incidents = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
        assertThat(incidents.stream().map(JsonObject.class::cast)
                .filter(i -> i.getJsonObject("alarm").getString("alarmKey").equals("hazardwatch/monitoring/notifications/MONITORING")))
                .singleElement().satisfies(i -> assertThat(i.getString("status")).isEqualTo("CLEARED_UNACKNOWLEDGED"));
        Await.result(stream.close());
        Await.result(app.stop());
    }

    private static io.hazardwatch.model.AlarmEvent offline(String key, io.hazardwatch.model.AlarmTransition transition,
                                                          Instant episodeStart) {
        boolean raised = transition == io.hazardwatch.model.AlarmTransition.RAISED;
        return new io.hazardwatch.model.AlarmEvent(1, key, "ent-b", "room-1", "", null,
                io.hazardwatch.model.AlarmEvent.OFFLINE, raised ? io.hazardwatch.model.AlarmLevel.FIRST
                : io.hazardwatch.model.AlarmLevel.NONE, transition, 90, 60.0, "s", "offline", 1, episodeStart,
                episodeStart.plusSeconds(raised ? 60 : 120), Instant.now());
    }

    private void sendAlarm(AlertServiceConfig config, io.hazardwatch.model.AlarmEvent event) throws Exception {
        producer.send(new ProducerRecord<>(config.alarmsTopic(), event.alarmKey(), Json.toBytes(event)))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void systemIncidentsAreSeenByEveryGridButNoEnterpriseAndGiveThePlatformNoRiskColour() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(topics);
        settings.put("alert.watchdog.start-grace-ms", "3000");
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        AlertServiceApp app = start(config, config.kafkaBootstrap(), Map.of());
        // nothing beats at all: after the start grace (shortened here) the stages are judged silent
        awaitActive(app, board -> find(board, "hazardwatch/monitoring/gateway/MONITORING"), Duration.ofSeconds(30));

        for (String gridStaff : new String[] {"grid1", "grid2"}) {
            JsonArray seen = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                    .basicAuthentication(gridStaff, TestFiles.PASSWORD).send()).bodyAsJsonArray();
            assertThat(find(seen, "hazardwatch/monitoring/detection/MONITORING")).as(gridStaff).isNotNull();
        }
        JsonArray enterprise = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                .basicAuthentication("ent-a-viewer", TestFiles.PASSWORD).send()).bodyAsJsonArray();
        assertThat(enterprise).isEmpty();
        JsonArray risk = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/risk")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
        assertThat(risk.stream().map(r -> ((JsonObject) r).getString("enterprise"))).doesNotContain("hazardwatch");
        Await.result(app.stop());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void kafkaGoesDownWhenTheBrokerStopsWithoutBlamingTheStagesWhoseHeartbeatsItCarriesAndRecovers(
            @TempDir Path kafkaDir) throws Exception {
        try (PrivateKafkaBroker kafka = PrivateKafkaBroker.start(kafkaDir)) {
            Map<String, String> ownTopics = Map.of(
                    "kafka.bootstrap", kafka.bootstrap(),
                    KafkaClientAuth.KEY, kafka.clientPropertiesFile("alerts"),
                    "topic.alarms", kafka.createTopic("alarms", 1),
                    "topic.incident-state", kafka.createTopic("incident-state", 1),
                    "topic.incident-events", kafka.createTopic("incident-events", 1),
                    "topic.heartbeats", kafka.createTopic("heartbeats", 1));
            AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), ownTopics);
            AlertServiceApp app = start(config, kafka.bootstrap(), Map.of());
            try (KafkaProducer<String, byte[]> own = new KafkaProducer<>(kafka.clientAuth("admin").addTo(new java.util.HashMap<String, Object>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                    // a heartbeat that cannot be sent is dropped, as the jobs' are: only fresh ones matter
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 500, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, ProducerConfig.LINGER_MS_CONFIG, 0))),
                    new StringSerializer(), new ByteArraySerializer())) {
                beatEverySecond(own, config.watchdog().heartbeatsTopic());
                awaitMonitoring(app, view -> allOk(view) ? view : null, Duration.ofSeconds(30));

                // WHEN the broker stops
                kafka.stop();
                Instant stopped = Instant.now();

                // THEN Kafka is DOWN within its 15 s (and a probe's timeout), and the other stages are UNKNOWN, not down
                JsonObject view = awaitMonitoring(app, v -> "DOWN".equals(stage(v, "KAFKA").getString("state")) ? v : null,
                        Duration.ofSeconds(30));
                assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(25));
                awaitActive(app, board -> find(board, "hazardwatch/monitoring/kafka/MONITORING"), Duration.ofSeconds(5));
                // past the stages' 30 s of silence: still not blamed
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plusSeconds(40)).toMillis()));
                view = awaitMonitoring(app, v -> v, Duration.ofSeconds(5));
                for (String blind : new String[] {"GATEWAY", "DETECTION", "HISTORY"}) {
                    assertThat(stage(view, blind).getString("state")).as(blind).isEqualTo("UNKNOWN");
                }

                // WHEN it is back THEN every stage is OK again and the only system incident, Kafka's, is cleared
                kafka.start();
                awaitMonitoring(app, v -> allOk(v) ? v : null, Duration.ofSeconds(60));
                awaitActive(app, board -> board.isEmpty() ? board : null, Duration.ofSeconds(10));
                JsonArray all = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents")
                        .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
                assertThat(all).extracting(i -> ((JsonObject) i).getJsonObject("alarm").getString("alarmKey"))
                        .containsExactly("hazardwatch/monitoring/kafka/MONITORING");
                beats.shutdownNow();
            }
            Await.result(app.stop());
        }
    }

    private AlertServiceApp start(AlertServiceConfig config, String bootstrap, Map<String, Notifier> notifiers) {
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config,
                new AlarmEventConsumer(bootstrap, config.alarmsTopic(), config.kafkaAuth()),
                new KafkaIncidentStore(vertx, bootstrap, config.incidentStateTopic(), config.incidentEventTopic(),
                        config.alarmsTopic(), config.kafkaAuth()),
                notifiers, null, new HeartbeatConsumer(bootstrap, config.watchdog().heartbeatsTopic(), config.kafkaAuth()), Clock.systemUTC()));
        Await.result(app.loaded());
        return app;
    }

    private static boolean allOk(JsonObject view) {
        JsonArray stages = view.getJsonArray("stages");
        return stages.size() == 5 && stages.stream().allMatch(s -> "OK".equals(((JsonObject) s).getString("state")));
    }

    private static JsonObject stage(JsonObject view, String stage) {
        return view.getJsonArray("stages").stream().map(JsonObject.class::cast)
                .filter(s -> stage.equals(s.getString("stage"))).findFirst().orElseThrow();
    }

    private static JsonObject find(JsonArray board, String alarmKey) {
        return board.stream().map(JsonObject.class::cast).filter(a -> alarmKey.equals(a.getString("alarmKey")))
                .findFirst().orElse(null);
    }

    private JsonObject incident(AlertServiceApp app, String id) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + id)
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
    }

    private JsonObject awaitMonitoring(AlertServiceApp app, Function<JsonObject, JsonObject> done, Duration limit)
            throws InterruptedException {
        return poll(() -> Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/monitoring")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject(), done, limit);
    }

    private JsonObject awaitActive(AlertServiceApp app, Function<JsonArray, Object> done, Duration limit)
            throws InterruptedException {
        Object[] found = {null};
        poll(() -> new JsonObject().put("board", Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray()), view -> {
            found[0] = done.apply(view.getJsonArray("board"));
            return found[0] == null ? null : view;
        }, limit);
        return found[0] instanceof JsonObject alarm ? alarm : null;
    }

    private static JsonObject poll(java.util.function.Supplier<JsonObject> read, Function<JsonObject, JsonObject> done,
                                   Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.apply(last) != null) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached within " + limit + "; last seen: " + last);
    }
}
