package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.Json;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site goes dark: {@value #DEVICES} devices of one enterprise OFFLINE within a moment, and right behind them on the
 * alarms topic a level-2 gas alarm of another enterprise. The gas alarm reaches the live board within a few seconds of
 * its production however many OFFLINE alarms came first, every OFFLINE alarm is on the board, and the grid member of
 * the dark site gets a few grouped messages (the storm window), not a thousand. The short version of
 * {@code bench/offline-flood.sh}, which measures the same through the whole stack.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlarmFloodIT {

    static final int DEVICES = 1000;
    /** The gas alarm behind the flood on the board within this (generous: a shared CI machine). */
    static final Duration GAS_ON_BOARD_WITHIN = Duration.ofSeconds(15);

    @Test
    void aThousandOfflineAlarmsDoNotHoldBackALevelTwoAlarmNorFloodTheOnCall(Vertx vertx, @TempDir Path dir)
            throws Exception {
        Path registry = Files.writeString(dir.resolve("flood-registry.yaml"), registryWithDevices(DEVICES));
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.policy(3_600_000, 7_200_000, 3_600_000, 5_000),
                Map.of("kafka.bootstrap", TestEnv.kafkaBootstrap(),
                        "registry.file", registry.toString(),
                        "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.flood", 2),
                        "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.flood", 1),
                        "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.flood", 1)));
        ProviderFake provider = ProviderFake.start(vertx);
        WebClient web = WebClient.create(vertx);
        Map<String, Notifier> notifiers = Map.of("push", provider.notifier(vertx, "push"));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config,
                new io.hazardwatch.alerts.kafka.AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic(),
                        config.kafkaAuth()),
                new KafkaIncidentStore(vertx, config.kafkaBootstrap(), config.incidentStateTopic(),
                        config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                notifiers, Clock.systemUTC()));
        Await.result(app.loaded());
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        assertThat(stream.nextEvent(Await.LIMIT).name()).isEqualTo("snapshot");

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < DEVICES; i++) {
                AlarmEvent offline = offline(device(i), now.minusSeconds(60), now);
                producer.send(new ProducerRecord<>(config.alarmsTopic(), offline.alarmKey(), Json.toBytes(offline)));
            }
            AlarmEvent leak = gas(RAISED, SECOND, 55, 50.0, now, now);
            producer.send(new ProducerRecord<>(config.alarmsTopic(), GAS_KEY, Json.toBytes(leak)))
                    .get(30, TimeUnit.SECONDS);
        }
        long produced = System.nanoTime();

        // the gas alarm on the live board, behind up to a thousand OFFLINE rows
        long deadline = produced + GAS_ON_BOARD_WITHIN.toNanos();
        int offlineFrames = 0;
        while (true) {
            SseClient.Frame frame = stream.nextEvent("alarm",
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.data().contains(GAS_KEY)) {
                break;
            }
            offlineFrames++;
        }
        Duration gasAfter = Duration.ofNanos(System.nanoTime() - produced);
        System.out.printf("AlarmFloodIT: the gas alarm on the live board %d ms after it was produced, behind %d "
                + "OFFLINE frames%n", gasAfter.toMillis(), offlineFrames);
        assertThat(gasAfter).isLessThan(GAS_ON_BOARD_WITHIN);

        // every OFFLINE alarm on the board, the gas alarm first (level 2)
        JsonArray[] last = {null};
        JsonArray board = Await.until(() -> {
            HttpResponse<Buffer> response = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active")
                    .basicAuthentication("duty", TestFiles.PASSWORD).send());
            last[0] = response.bodyAsJsonArray();
            return last[0].size() == DEVICES + 1 ? last[0] : null;
        }, () -> last[0] == null ? "nothing" : last[0].size() + " rows");
        assertThat(board.getJsonObject(0).getString("alarmKey")).isEqualTo(GAS_KEY);
        assertThat(board.stream().map(JsonObject.class::cast).filter(a -> "OFFLINE".equals(a.getString("alarmType"))))
                .hasSize(DEVICES);

        // the dark site's grid member: the first message at once, the rest grouped when the 5 s storm window ends
        Await.until(() -> provider.to("member-2").size() >= 2 ? true : null,
                () -> provider.to("member-2").size() + " messages to member-2");
        Thread.sleep(6_000); // another storm window: nothing more is due
        assertThat(provider.to("member-2")).as("messages to the dark site's grid member").hasSizeLessThanOrEqualTo(3);
        assertThat(provider.to("member-1")).as("the gas alarm's grid member").isNotEmpty();

        Await.result(stream.close());
        Await.result(app.stop());
        provider.close();
    }

    private static String device(int i) {
        return String.format("sensor-box-%04d", i);
    }

    /** The test registry with {@code devices} more devices of ent-b (grid-2), one ammonia sensor each. */
    private static String registryWithDevices(int devices) {
        StringBuilder yaml = new StringBuilder(TestRegistry.YAML);
        for (int i = 0; i < devices; i++) {
            yaml.append("      - id: ").append(device(i)).append('\n')
                    .append("        sensors:\n")
                    .append("          - {id: nh3-1, type: AMMONIA}\n");
        }
        return yaml.toString();
    }

    /** A device OFFLINE as the detection job raises it (sensor "", key enterprise/device//OFFLINE). */
    private static AlarmEvent offline(String device, Instant episodeStart, Instant eventTime) {
        return new AlarmEvent(AlarmEvent.SCHEMA, TestRegistry.ENT_B + "/" + device + "//OFFLINE", TestRegistry.ENT_B,
                device, "", null, AlarmEvent.OFFLINE, AlarmLevel.FIRST, RAISED, 60, 60.0, "s",
                "offline:" + TestRegistry.ENT_B + "/" + device, 1, episodeStart, eventTime, eventTime.plusMillis(250),
                null, 60L, null, null);
    }
}
