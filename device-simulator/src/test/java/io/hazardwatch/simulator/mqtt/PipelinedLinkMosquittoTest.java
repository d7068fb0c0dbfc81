package io.hazardwatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.load.LoadGenerator;
import io.hazardwatch.simulator.load.LoadResult;
import io.hazardwatch.simulator.load.LoadSettings;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.testsupport.FreePort;
import io.netty.channel.EventLoopGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipelined load client against a real Mosquitto: every QoS 1 publish arrives once and in order, its
 * future completes at the PUBACK, and a lost broker fails what is outstanding instead of hanging.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelinedLinkMosquittoTest {

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private EventLoopGroup group;
    private MqttClient subscriber;
    private final Map<String, List<Integer>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        broker = new MosquittoBroker(FreePort.find(), dir).start();
        group = PipelinedLink.newGroup(1);
        subscriber = new MqttClient(broker.url(), "test-subscriber", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        subscriber.connect(options);
        subscriber.subscribe("load/#", 1, (topic, msg) -> received.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                .add(Integer.parseInt(new String(msg.getPayload(), StandardCharsets.UTF_8))));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        } finally {
            broker.stop(subscriber);
        }
    }

    private PipelinedLink link(int version) {
        return new PipelinedLink(LinkOptions.of(broker.url(), version, LinkOptions.clientId("pl"), "user", "secret"), group);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(ints = {3, 5})
    void everyQos1PublishFromSeveralThreadsArrivesOnceInOrderAndCompletesAtItsPuback(int version) throws Exception {
        int threads = 3;
        int perThread = 1000;
        try (PipelinedLink link = link(version)) {
            link.connect().get(10, TimeUnit.SECONDS);
            assertThat(link.isConnected()).isTrue();
            List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String topic = "load/t" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        acks.add(link.publish(topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1));
                    }
                });
                publishers.add(thread);
                thread.start();
            }
            for (Thread thread : publishers) {
                thread.join();
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.values().stream().mapToInt(List::size).sum() < threads * perThread && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Integer> expected = java.util.stream.IntStream.range(0, perThread).boxed().toList();
        assertThat(received).hasSize(threads);
        received.values().forEach(sequence -> assertThat(sequence).isEqualTo(expected));
    }

    @Test
    void aQos0PublishCompletesOnceWrittenAndArrives() throws Exception {
        try (PipelinedLink link = link(3)) {
            link.connect().get(10, TimeUnit.SECONDS);
            link.publish("load/q0", "7".getBytes(StandardCharsets.UTF_8), 0).get(5, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!received.containsKey("load/q0") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received.get("load/q0")).containsExactly(7);
    }

    @Test
    void whenTheBrokerGoesAwayOutstandingPublishesFailAndNewOnesAreRefused() throws Exception {
        PipelinedLink link = link(3);
        link.connect().get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            acks.add(link.publish("load/gone", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1));
        }
        broker.stop();
        // every future ends (PUBACKed before the broker stopped, or failed), none hangs
        CompletableFuture.allOf(acks.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (link.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(link.isConnected()).isFalse();
        assertThatThrownBy(() -> link.publish("load/gone", new byte[] {1}, 1).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(MqttLink.MqttFailure.class)
                .hasMessageContaining("not connected");
        link.close();
    }

    @Test
    void aBrokerThatIsNotThereFailsTheConnect() {
        PipelinedLink link = new PipelinedLink(LinkOptions.of("tcp://127.0.0.1:" + FreePort.find(), 3,
                LinkOptions.clientId("pl"), null, null), group);
        assertThatThrownBy(() -> link.connect().get(15, TimeUnit.SECONDS))
                .hasCauseInstanceOf(MqttLink.MqttFailure.class).hasMessageContaining("cannot connect");
    }

    @Test
    void refusesTlsBrokersWithAClearMessage() {
        assertThatThrownBy(() -> new PipelinedLink(LinkOptions.of("ssl://127.0.0.1:8883", 3, "c", null, null), group))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain TCP only");
    }

    @Test
    void theLoadReachesEverySensorOfEveryScaledDevice() throws Exception {
        java.util.Set<String> seen = ConcurrentHashMap.newKeySet();
        subscriber.subscribe(io.hazardwatch.model.Topics.MQTT_PREFIX + "#", 0, (topic, msg) -> seen.add(
                topic + "/" + io.hazardwatch.model.Json.fromBytes(msg.getPayload(),
                        io.hazardwatch.model.DeviceMessage.class).sensor()));
        Scenario scenario = io.hazardwatch.simulator.scenario.ScenarioScaler.scale(
                TestScenarios.load(dir, broker.url()), 1, 2, 1);
        LoadSettings settings = new LoadSettings(1000, 2, Duration.ofSeconds(1), 1, 1, 3, 100, 2, 1,
                LoadSettings.Client.PIPELINED);
        new LoadGenerator(scenario, settings, 42, new PrintWriter(new StringWriter(), true)).run();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (Scenario.Enterprise e : scenario.enterprises()) {
            for (Scenario.Device d : e.devices()) {
                d.sensors().forEach(s -> expected.add(io.hazardwatch.model.Topics.mqttReadings(e.id(), d.id()) + "/" + s.id()));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(seen).containsAll(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LoadSettings.Client.class)
    void theLoadGeneratorOffersItsRateWithEitherClientAndEveryReadingIsAcknowledged(LoadSettings.Client client)
            throws Exception {
        LoadSettings settings = new LoadSettings(2000, 3, Duration.ofSeconds(2), 1, 1, 3, 100, 3, 1, client);
        StringWriter log = new StringWriter();
        LoadResult result = new LoadGenerator(TestScenarios.load(dir, broker.url()), settings, 42,
                new PrintWriter(log, true)).run();
        assertThat(result.connected()).as(log.toString()).isEqualTo(3);
        assertThat(result.failed()).isZero();
        assertThat(result.unacked()).isZero();
        assertThat(result.readingsAcked()).isEqualTo(result.readingsSent());
        assertThat(result.readingsSent()).isBetween(3000L, 4400L);
    }
}
