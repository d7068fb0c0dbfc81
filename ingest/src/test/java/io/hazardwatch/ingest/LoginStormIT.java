package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.SecretRegistry;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A reconnect storm of bcrypt logins against one login worker and room for two pending logins: the rest are refused
 * at once as busy (3.1.1: 3, MQTT 5: 0x89), none waits unanswered, each gets in on retry, and a device already
 * connected with a device secret keeps getting its PUBACKs meanwhile. HTTP logins share the lane: 503 when busy.
 */
@Timeout(120)
class LoginStormIT {

    private static final int PER_PROTOCOL = 10;
    private static final String TOPIC = Topics.mqttReadings(SecretRegistry.ENTERPRISE, SecretRegistry.DEVICE);
    private static GatewayFixture gateway;
    private static Vertx clients;

    @BeforeAll
    static void start(@TempDir Path dir) {
        // cost 11 (~0.1 s of CPU each): the two admitted logins hold the lane while the other CONNECTs arrive
        String slowHash = new BCryptPasswordEncoder(11).encode(TestRegistry.PASSWORD);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("storm.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("storm.deadletter", 1),
                "mqtt.login-threads", "1",
                "mqtt.max-pending-logins", "2"), SecretRegistry.yaml(slowHash));
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close().await();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aStormOfBcryptLoginsIsRefusedBusyBeyondTheLimitAndGetsInOnRetryWhileAPublishingDeviceIsServed()
            throws Exception {
        Publisher publisher = new Publisher(gateway.mqtt3(SecretRegistry.SECRET_USER, SecretRegistry.SECRET));
        publisher.start();
        publisher.awaitFirstAck();
        int acksBefore = publisher.acks.get();

        // GIVEN 20 CONNECTs of the bcrypt login at once, half 3.1.1 (Vert.x client), half 5 (Paho)
        List<MqttClient> v311 = new ArrayList<>();
        List<Future<?>> v311Connects = new ArrayList<>();
        for (int i = 0; i < PER_PROTOCOL; i++) {
            MqttClient client = vertxClient();
            v311.add(client);
            v311Connects.add(client.connect(gateway.app.mqttPort(), "127.0.0.1"));
        }
        List<MqttAsyncClient> v5 = new ArrayList<>();
        List<IMqttToken> v5Connects = new ArrayList<>();
        for (int i = 0; i < PER_PROTOCOL; i++) {
            MqttAsyncClient client = pahoClient();
            v5.add(client);
            v5Connects.add(client.connect(pahoOptions()));
        }

        // THEN every CONNECT is answered: accepted, or refused busy with the protocol's code
        Future.join(v311Connects).otherwiseEmpty().await(30, TimeUnit.SECONDS);
        List<Integer> refused311 = new ArrayList<>();
        for (int i = 0; i < PER_PROTOCOL; i++) {
            Future<?> f = v311Connects.get(i);
            assertThat(f.isComplete()).isTrue();
            if (f.failed()) {
                assertThat(f.cause()).isInstanceOf(MqttConnectionException.class);
                assertThat(((MqttConnectionException) f.cause()).code())
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
                refused311.add(i);
            }
        }
        List<Integer> refused5 = new ArrayList<>();
        for (int i = 0; i < PER_PROTOCOL; i++) {
            int code = connackCode(v5Connects.get(i));
            assertThat(code).as("MQTT 5 CONNACK").isIn(0x00, 0x89);
            if (code == 0x89) {
                refused5.add(i);
            }
        }
        assertThat(refused311).as("3.1.1 CONNECTs refused busy").isNotEmpty();
        assertThat(refused5).as("MQTT 5 CONNACKs 0x89 server busy").isNotEmpty();

        // AND each refused client gets in when it retries
        for (int i : refused311) {
            v311.set(i, retry311());
        }
        for (int i : refused5) {
            v5.set(i, retry5());
        }
        int acksDuringStorm = publisher.acks.get() - acksBefore;
        publisher.stop();

        assertThat(v311).allMatch(MqttClient::isConnected);
        assertThat(v5).allMatch(MqttAsyncClient::isConnected);
        assertThat(publisher.failures).as("publishes of the connected device").isEmpty();
        assertThat(acksDuringStorm).as("PUBACKs of the connected device during the storm").isGreaterThanOrEqualTo(3);
        assertThat(gateway.app.metrics().registry().get("hazardwatch.ingest.connections.refused")
                .tag("reason", "busy").counter().count()).isGreaterThanOrEqualTo(refused311.size() + refused5.size());
        assertThat(gateway.app.metrics().registry().get("hazardwatch.ingest.logins.pending").gauge().value()).isZero();
        for (MqttClient c : v311) {
            c.disconnect().await(5, TimeUnit.SECONDS);
        }
        for (MqttAsyncClient c : v5) {
            c.disconnect().waitForCompletion(5_000);
        }
    }

    @Test
    void httpRequestsWhoseBcryptLoginFindsTheLaneFullGet503WithRetryAfterAndGetInOnRetry() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.http()
                        + "/hazardwatch/v1/" + SecretRegistry.ENTERPRISE + "/" + SecretRegistry.DEVICE + "/readings"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SecretRegistry.BCRYPT_USER + ":" + TestRegistry.PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sensor\":\"temp-1\",\"value\":21.5}"))
                .build();

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 2 * PER_PROTOCOL; i++) {
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (var f : sent) {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202, 503);
        List<HttpResponse<String>> busy = answers.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(busy).as("requests refused busy").isNotEmpty();
        assertThat(busy).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.body()).contains("BUSY");
        });
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
    }

    private static MqttClient vertxClient() {
        return MqttClient.create(clients, new MqttClientOptions().setClientId("storm-" + UUID.randomUUID())
                .setUsername(SecretRegistry.BCRYPT_USER).setPassword(TestRegistry.PASSWORD));
    }

    private static MqttAsyncClient pahoClient() throws MqttException {
        return new MqttAsyncClient(gateway.url(), "storm5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    }

    private static MqttConnectionOptions pahoOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(SecretRegistry.BCRYPT_USER);
        options.setPassword(TestRegistry.PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(30);
        return options;
    }

    /** The CONNACK's reason code, or the client's own code if no CONNACK came (a timeout: 32000). */
    private static int connackCode(IMqttToken token) {
        try {
            token.waitForCompletion(30_000);
            return 0x00;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static MqttClient retry311() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            MqttClient client = vertxClient();
            try {
                client.connect(gateway.app.mqttPort(), "127.0.0.1").await(30, TimeUnit.SECONDS);
                return client;
            } catch (Exception e) {
                assertThat(e).isInstanceOf(MqttConnectionException.class); // busy again: retry as a device would
                Thread.sleep(100);
            }
        }
        throw new AssertionError("a 3.1.1 client stayed refused for 100 retries");
    }

    private static MqttAsyncClient retry5() throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            MqttAsyncClient client = pahoClient();
            int code = connackCode(client.connect(pahoOptions()));
            if (code == 0x00) {
                return client;
            }
            assertThat(code).isEqualTo(0x89);
            client.close(true);
            Thread.sleep(100);
        }
        throw new AssertionError("an MQTT 5 client stayed refused for 100 retries");
    }

    /** A device with a device-secret login, publishing QoS 1 one after the other and counting its PUBACKs. */
    private static final class Publisher {
        final AtomicInteger acks = new AtomicInteger();
        final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final org.eclipse.paho.client.mqttv3.MqttClient client;
        private final Thread thread;

        Publisher(org.eclipse.paho.client.mqttv3.MqttClient client) {
            this.client = client;
            this.thread = new Thread(this::publish, "storm-publisher");
        }

        void start() {
            thread.start();
        }

        private void publish() {
            byte[] reading = "{\"sensor\":\"temp-1\",\"value\":21.5}".getBytes(StandardCharsets.UTF_8);
            while (running.get()) {
                try {
                    client.publish(TOPIC, reading, 1, false); // returns after the PUBACK
                    acks.incrementAndGet();
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.add(e);
                    return;
                }
            }
        }

        void awaitFirstAck() throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (acks.get() == 0 && failures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(acks.get()).as("first PUBACK of the connected device").isPositive();
        }

        void stop() throws Exception {
            running.set(false);
            thread.join(20_000);
            client.disconnect();
        }
    }
}
