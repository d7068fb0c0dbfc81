package io.hazardwatch.streamjobs.app;

import io.hazardwatch.model.Json;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the registry's rules to the rules topic, so that a running detection job applies them without a
 * restart: each sensor's {@link SensorSpec} as JSON, keyed by its sensor key ({@code enterprise/device/sensor}).
 * <pre>
 * java -cp stream-jobs/target/classes:$(cat stream-jobs/target/classpath.txt) \
 *   io.hazardwatch.streamjobs.app.RulesPublisher deploy/config/local.properties
 * </pre>
 * Reads {@code registry.file}, {@code kafka.bootstrap} and {@code topic.rules} of the stream jobs' config. The
 * job keeps the newest {@code ruleVersion} per sensor (the registry file's {@code version}) and ignores older
 * ones, so bump the registry's version with every change. Prints one line per run; exit status 2 on a bad config
 * or registry, 1 when Kafka did not acknowledge every rule.
 */
public final class RulesPublisher {

    private static final long TIMEOUT_SECONDS = 30;

    private RulesPublisher() {
    }

    public static void main(String[] args) {
        StreamJobsConfig cfg;
        Registry registry;
        try {
            cfg = StreamJobsConfig.load(args.length > 0 ? Path.of(args[0]) : null);
            registry = Registry.load(cfg.registryFile());
        } catch (ConfigException e) {
            exit(2, "config error: " + e.getMessage());
            return;
        } catch (RegistryException e) {
            exit(2, "config error: registry.file: " + e.getMessage());
            return;
        }
        try {
            int published = publish(cfg.kafkaBootstrap(), cfg.rulesTopic(), registry.sensors(), cfg.kafkaAuth());
            System.out.println("published " + published + " rules (registry version " + registry.version() + ") to "
                    + cfg.rulesTopic() + " on " + cfg.kafkaBootstrap());
        } catch (PublishException e) {
            exit(1, "publish error: " + e.getMessage());
        }
    }

    /**
     * Sends every rule, keyed by sensor key, and waits (at most 30 s) until Kafka has acknowledged all of them.
     *
     * @return how many rules were published
     * @throws PublishException if any rule was not acknowledged
     */
    public static int publish(String bootstrap, String topic, Collection<SensorSpec> rules, KafkaClientAuth auth) {
        Properties props = auth.addTo(new Properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "hazardwatch-rules-publisher");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        List<SensorSpec> sorted = rules.stream().sorted(Comparator.comparing(spec -> spec.key().toString())).toList();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (SensorSpec spec : sorted) {
                sent.add(producer.send(new ProducerRecord<>(topic, spec.key().toString(), Json.toBytes(spec))));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    throw new PublishException("rule of " + sorted.get(i).key() + " not acknowledged by " + bootstrap
                            + ": " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PublishException("interrupted", e);
                }
            }
            return sent.size();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new PublishException(String.valueOf(e.getMessage()), e);
        }
    }

    /** Kafka did not take every rule. */
    public static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void exit(int status, String line) {
        System.err.println(line);
        System.exit(status);
    }
}
