package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka (a private broker, never the shared one) is stopped while clients publish and started again.
 * Every PUBACKed reading must be in Kafka exactly once (idempotent producer; the outage is shorter than the
 * delivery timeout, so no client has to re-send), and the gateway never has more messages waiting for Kafka
 * than its global bound: it stops reading sockets instead.
 */
@Timeout(400)
class KafkaRestartIT {

    private static final int CLIENTS = 4;
    private static final int PER_CLIENT = 250;
    private static final int PER_CONNECTION_BOUND = 8;
    private static final int GLOBAL_BOUND = 20;

    @TempDir
    Path dir;

    @Test
    void everyPubAckedReadingIsInKafkaExactlyOnceAcrossABrokerRestartAndInFlightStaysBounded() throws Exception {
        try (PrivateKafkaBroker kafka = PrivateKafkaBroker.start(dir.resolve("kafka"))) {
            String readings = kafka.createTopic("restart.readings", 2);
            String deadLetter = kafka.createTopic("restart.deadletter", 1);
            try (GatewayFixture gateway = GatewayFixture.start(dir, kafka.bootstrap(), Map.of(
                    KafkaClientAuth.KEY, kafka.clientPropertiesFile("ingest"),
                    "topic.readings", readings,
                    "topic.deadletter", deadLetter,
                    "ingest.max-in-flight-per-connection", Integer.toString(PER_CONNECTION_BOUND),
                    "ingest.max-in-flight", Integer.toString(GLOBAL_BOUND),
                    "kafka.delivery-timeout-ms", "240000"))) {

                AtomicInteger maxInFlight = new AtomicInteger();
                AtomicInteger maxPaused = new AtomicInteger();
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        maxInFlight.accumulateAndGet(gateway.app.inFlight(), Math::max);
                        maxPaused.accumulateAndGet(gateway.app.metrics().pausedConnections(), Math::max);
                        Thread.onSpinWait();
                    }
                });
                sampler.start();

                Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                Set<Instant> pubAcked = ConcurrentHashMap.newKeySet();
                AtomicInteger failed = new AtomicInteger();
                CountDownLatch allDone = new CountDownLatch(CLIENTS * PER_CLIENT);
                List<MqttAsyncClient> clients = new ArrayList<>();
                List<Thread> publishers = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    MqttAsyncClient client = connect(gateway.url());
                    clients.add(client);
                    int clientIndex = c;
                    publishers.add(new Thread(() -> publish(client, clientIndex, base, pubAcked, failed, allDone)));
                }
                publishers.forEach(Thread::start);

                // WHEN Kafka stops after some readings were acknowledged, while the clients keep publishing
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (pubAcked.size() < 150 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(pubAcked).as("acknowledged before the outage").hasSizeGreaterThanOrEqualTo(150);
                kafka.stop();
                int ackedAtStop = pubAcked.size();
                Thread.sleep(5_000);
                int ackedDuringOutage = pubAcked.size() - ackedAtStop;
                kafka.start();

                // THEN every message is acknowledged once Kafka is back
                assertThat(allDone.await(180, TimeUnit.SECONDS)).as("all publishes completed").isTrue();
                sampling.set(false);
                sampler.join();
                assertThat(failed.get()).as("publishes that failed").isZero();
                assertThat(pubAcked).hasSize(CLIENTS * PER_CLIENT);
                assertThat(ackedDuringOutage).as("PUBACKs while Kafka was down").isZero();

                // AND each acknowledged reading is in Kafka exactly once
                List<ConsumerRecord<String, byte[]>> records = kafka.read(readings,
                        rs -> rs.size() > CLIENTS * PER_CLIENT, Duration.ofSeconds(20));
                Map<Instant, Long> copies = records.stream()
                        .map(r -> Json.fromBytes(r.value(), Reading.class).eventTime())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(copies.keySet()).containsAll(pubAcked);
                assertThat(copies.values()).as("copies of each reading").allMatch(n -> n == 1);
                assertThat(records).hasSize(CLIENTS * PER_CLIENT);

                // AND the gateway held back instead of buffering: never more than the global bound in flight,
                // and it did reach the bound and pause sockets
                assertThat(maxInFlight.get()).isLessThanOrEqualTo(GLOBAL_BOUND).isEqualTo(GLOBAL_BOUND);
                assertThat(maxPaused.get()).isPositive();
                for (MqttAsyncClient client : clients) {
                    client.disconnect().waitForCompletion(5_000);
                    client.close();
                }
            }
        }
    }

    private static MqttAsyncClient connect(String url) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "restart-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(TestRegistry.ENT_A_USER);
        options.setPassword(TestRegistry.PASSWORD.toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(PER_CLIENT);
        options.setKeepAliveInterval(300);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** One reading every 10 ms; each has its own event time, which identifies it in Kafka. */
    private static void publish(MqttAsyncClient client, int clientIndex, Instant base, Set<Instant> pubAcked,
                                AtomicInteger failed, CountDownLatch done) {
        for (int i = 0; i < PER_CLIENT; i++) {
            Instant ts = base.plusMillis(clientIndex * 100_000L + i);
            String payload = "{\"sensor\":\"lel-1\",\"value\":" + (i % 100) + ",\"ts\":" + ts.toEpochMilli() + "}";
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            try {
                client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE), message, null,
                        new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                pubAcked.add(ts);
                                done.countDown();
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                failed.incrementAndGet();
                                done.countDown();
                            }
                        });
                Thread.sleep(10);
            } catch (Exception e) {
                failed.incrementAndGet();
                done.countDown();
            }
        }
    }
}
