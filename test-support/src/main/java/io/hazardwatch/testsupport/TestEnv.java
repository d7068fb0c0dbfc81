package io.hazardwatch.testsupport;

import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.net.URI;
import java.net.http.HttpRequest;
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

    /**
     * The shared InfluxDB's login for tests (issue 16): {@code HW_INFLUX_USERNAME} with {@code HW_INFLUX_PASSWORD_FILE}
     * or {@code HW_INFLUX_PASSWORD}, the same variables that configure the services. {@code deploy/test.sh} passes the
     * admin's, as tests create and drop their own databases; none: an InfluxDB without authentication.
     */
    public static InfluxCredentials influxLogin() {
        return InfluxCredentials.from(Settings.load(null), "influx");
    }

    /** {@link #influxLogin()} as the config keys of a service's settings (empty without a login). */
    public static Map<String, String> influxLoginSettings() {
        InfluxCredentials login = influxLogin();
        return login.present() ? Map.of("influx.username", login.username(), "influx.password", login.password())
                : Map.of();
    }

    /** A request to the shared InfluxDB, carrying {@link #influxLogin()} if there is one. */
    public static HttpRequest.Builder influxRequest(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        InfluxCredentials login = influxLogin();
        if (login.present()) {
            request.header("Authorization", PrivateInfluxDb.basicAuthorization(login));
        }
        return request;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
