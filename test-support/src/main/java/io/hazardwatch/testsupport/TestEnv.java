package io.hazardwatch.testsupport;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the shared, really started test stack lives. {@code deploy/test.sh} starts Kafka and InfluxDB on
 * these addresses before {@code mvn verify}; the same variables configure the services.
 */
public final class TestEnv {

    private TestEnv() {
    }

    public static String kafkaBootstrap() {
        return env("HW_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    /**
     * The test run's Kafka principal: the client properties file {@code HW_KAFKA_CLIENT_PROPERTIES} names
     * ({@code deploy/test.sh} exports the admin's when the broker runs with SASL), else plaintext.
     */
    public static KafkaClientAuth kafkaClientAuth() {
        return KafkaClientAuth.fromEnvironment();
    }

    /** A Kafka client's properties for the shared broker: bootstrap servers and {@link #kafkaClientAuth()}. */
    public static Properties kafkaClientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafkaBootstrap());
        return kafkaClientAuth().addTo(props);
    }

    /** {@code config} (a client's config map for the shared broker) with {@link #kafkaClientAuth()} added. */
    public static Map<String, Object> withKafkaAuth(Map<String, ?> config) {
        return kafkaClientAuth().addTo(new HashMap<String, Object>(config));
    }

    public static String influxUrl() {
        return env("HW_INFLUX_URL", "http://127.0.0.1:8086");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
