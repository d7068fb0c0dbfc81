package io.hazardwatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.scenario.DeviceSample;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import io.hazardwatch.testsupport.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishes through a real Mosquitto broker started by the test and reads the messages back with Paho. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadingPublisherMosquittoTest {

    private record Received(String topic, DeviceMessage message) {
    }

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private MqttClient subscriber;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Scenario scenario;
    private SignalGenerator signals;

    @BeforeEach
    void startBrokerAndSubscribe() throws Exception {
        broker = new MosquittoBroker(FreePort.find(), dir).start();
        scenario = TestScenarios.load(dir, broker.url());
        signals = new SignalGenerator(scenario, 11);
        subscriber = new MqttClient(broker.url(), "test-subscriber", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(false);
        subscriber.connect(options);
        subscriber.subscribe(Topics.MQTT_PREFIX + "#", 1,
                (topic, msg) -> received.add(new Received(topic, Json.fromBytes(msg.getPayload(), DeviceMessage.class))));
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop(subscriber);
    }

    @Test
    void publishesOneBatchPerDeviceAndTickOnTheDevicesReadingsTopic() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (ReadingPublisher publisher = new ReadingPublisher(scenario, ReadingPublisherTest.fastSettings())) {
            publisher.start();
            for (int tick = 0; tick < 3; tick++) {
                publisher.publish(signals.sample(Duration.ofSeconds(tick)), now.plusSeconds(tick));
            }

            assertThat(publisher.counts().batches()).isEqualTo(3L * TestScenarios.DEVICES);
            assertThat(publisher.counts().readings()).isEqualTo(3L * 4);
            assertThat(publisher.counts().failed()).isZero();
        }
        await(() -> received.size() >= 3 * TestScenarios.DEVICES);

        assertThat(received).hasSize(3 * TestScenarios.DEVICES);
        Map<String, List<DeviceMessage>> byTopic = received.stream().collect(
                Collectors.groupingBy(Received::topic, Collectors.mapping(Received::message, Collectors.toList())));
        assertThat(byTopic).containsOnlyKeys(Topics.mqttReadings("ent-a", "tank-1"),
                Topics.mqttReadings("ent-a", "tank-2"), Topics.mqttReadings("ent-b", "room-1"));
        List<DeviceMessage> tank1 = byTopic.get(Topics.mqttReadings("ent-a", "tank-1"));
        assertThat(tank1).hasSize(3);
        for (int tick = 0; tick < 3; tick++) {
            DeviceSample expected = signals.sample(Duration.ofSeconds(tick)).get(0);
            assertThat(tank1.get(tick)).isEqualTo(ReadingPublisher.toMessage(expected, now.plusSeconds(tick)));
        }
    }

    @Test
    void countsFailuresWhileTheBrokerIsDownAndPublishesAgainAfterItReturns() throws Exception {
        try (ReadingPublisher publisher = new ReadingPublisher(scenario, ReadingPublisherTest.fastSettings())) {
            publisher.start();
            publisher.publish(signals.sample(Duration.ZERO), Instant.now());
            assertThat(publisher.counts().batches()).isEqualTo(TestScenarios.DEVICES);

            broker.stop();
            await(() -> {
                publisher.publish(signals.sample(Duration.ofSeconds(1)), Instant.now());
                return publisher.counts().failed() > 0;
            });

            broker.start();
            reconnectSubscriber();
            int before = received.size();
            await(() -> {
                long published = publisher.counts().batches();
                publisher.publish(signals.sample(Duration.ofSeconds(2)), Instant.now());
                return publisher.counts().batches() > published;
            });
            await(() -> received.size() > before);
        }
    }

    private void reconnectSubscriber() throws MqttException {
        subscriber.close(true);
        subscriber = new MqttClient(broker.url(), "test-subscriber-2", new MemoryPersistence());
        subscriber.connect();
        subscriber.subscribe(Topics.MQTT_PREFIX + "#", 1,
                (topic, msg) -> received.add(new Received(topic, Json.fromBytes(msg.getPayload(), DeviceMessage.class))));
    }

    /** Polls every 200 ms for at most 20 s. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
