package io.hazardwatch.testsupport;

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

    public static String influxUrl() {
        return env("HW_INFLUX_URL", "http://127.0.0.1:8086");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
