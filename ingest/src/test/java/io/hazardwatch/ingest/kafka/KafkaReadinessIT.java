package io.hazardwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway's readiness (GET /ready, what the balancer and Kubernetes probe with timeouts of 1–2 s) answers at once
 * from the last background check of Kafka, even while a check hangs on a broker that does not answer; it says
 * whether Kafka answered.
 */
@Timeout(60)
class KafkaReadinessIT {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void withKafkaGoneEveryProbeAfterTheFirstIsAnsweredAtOnceAndSaysNotReady() throws Exception {
        // a port nothing listens on: each check waits out its 3 s admin timeout
        KafkaReadingSender sender = sender("127.0.0.1:" + FreePort.find(), KafkaClientAuth.none(), "hazardwatch.readings.v1");

        assertThat(await(sender.ready(), 10)).as("the first probe waits for the first check").isFalse();
        for (int probe = 0; probe < 5; probe++) {
            long start = System.nanoTime();
            Boolean ready = await(sender.ready(), 10);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(ready).isFalse();
            assertThat(tookMs).as("probe %d answered while a check runs in the background", probe).isLessThan(500);
            Thread.sleep(300);
        }
        sender.close().await();
    }

    @Test
    void withKafkaAnsweringTheGatewayIsReady() throws Exception {
        String topic = KafkaTestTopics.create("readiness", 1);
        KafkaReadingSender sender = sender(TestEnv.kafkaBootstrap(), TestEnv.kafkaClientAuth(), topic);

        assertThat(await(sender.ready(), 10)).isTrue();
        assertThat(await(sender.ready(), 1)).isTrue();
        sender.close().await();
    }

    private KafkaReadingSender sender(String bootstrap, KafkaClientAuth auth, String readingsTopic) {
        return new KafkaReadingSender(vertx, new IngestMetrics(() -> 0), bootstrap, readingsTopic, readingsTopic + ".dlq",
                readingsTopic + ".status", Duration.ofSeconds(10), "none", 0, Duration.ofMillis(1), auth);
    }

    private static Boolean await(Future<Boolean> answer, int seconds) throws Exception {
        return answer.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
