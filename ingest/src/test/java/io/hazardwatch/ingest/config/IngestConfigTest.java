package io.hazardwatch.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

    @TempDir
    Path dir;

    private IngestConfig config(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of("registry.file", TestRegistry.write(dir).toString()));
        all.putAll(extra);
        return IngestConfig.from(Settings.of(all));
    }

    @Test
    void aDeviceStampMayRunTwoSecondsAheadByDefault() {
        assertThat(config(Map.of()).clockTolerance()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config(Map.of("ingest.clock-tolerance-ms", "500")).clockTolerance()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theRetiredFutureSkewKeyStopsStartupNamingItsReplacement() {
        assertThatThrownBy(() -> config(Map.of("ingest.max-future-skew-seconds", "300")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ingest.max-future-skew-seconds: retired")
                .hasMessageContaining("ingest.clock-tolerance-ms");
    }

    @Test
    void aToleranceOutOfBoundsStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of("ingest.clock-tolerance-ms", "600000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.clock-tolerance-ms");
    }

    @Test
    void readingsGoToKafkaZstdCompressedByDefaultAndAnUnknownCodecStopsStartupNamingTheKey() {
        assertThat(config(Map.of()).kafkaCompression()).isEqualTo("zstd");
        assertThat(config(Map.of("kafka.compression", "lz4")).kafkaCompression()).isEqualTo("lz4");
        assertThatThrownBy(() -> config(Map.of("kafka.compression", "brotli")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.compression: 'brotli' is not one of");
    }

    @Test
    void slowLoginsGetHalfTheCoresAndRoomFor256ByDefault() {
        IngestConfig config = config(Map.of());

        assertThat(config.loginThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(config.maxPendingLogins()).isEqualTo(256);
        assertThat(config(Map.of("mqtt.login-threads", "3", "mqtt.max-pending-logins", "10")))
                .extracting(IngestConfig::loginThreads, IngestConfig::maxPendingLogins).containsExactly(3, 10);
    }

    @Test
    void theLoginEdgeHasItsDocumentedDefaultsAndABadValueStopsStartupNamingTheKey() {
        IngestConfig.Guard guard = config(Map.of()).guard();

        assertThat(guard).isEqualTo(new IngestConfig.Guard(Duration.ofSeconds(10), 1000, 100, 5,
                Duration.ofSeconds(600), Duration.ofSeconds(1), Duration.ofSeconds(30), 100_000));
        assertThatThrownBy(() -> config(Map.of("mqtt.connect-timeout-seconds", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.connect-timeout-seconds");
        assertThatThrownBy(() -> config(Map.of("login.throttle-after-failures", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("login.throttle-after-failures");
    }

    @Test
    void aBadMaxPendingLoginsStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of("mqtt.max-pending-logins", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.max-pending-logins");
        assertThatThrownBy(() -> config(Map.of("mqtt.max-pending-logins", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.max-pending-logins");
        assertThatThrownBy(() -> config(Map.of("mqtt.login-threads", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.login-threads");
    }

    @Test
    void theDefaultConnectionCapLeavesDescriptorsForKafkaAndFiles() {
        // this machine's limit: 19 000 devices and 1 000 descriptors for the rest
        assertThat(IngestConfig.connectionsWithinDescriptors(20_000)).isEqualTo(19_000);
        // a default soft limit of 1 024 still takes ~900 devices, not a handful
        assertThat(IngestConfig.connectionsWithinDescriptors(1024)).isEqualTo(922);
        assertThat(IngestConfig.connectionsWithinDescriptors(256)).isEqualTo(192);
        assertThat(IngestConfig.connectionsWithinDescriptors(1_048_576)).isEqualTo(1_000_000);
    }

    @Test
    void aConfigWithoutAnyListenerStopsStartupNamingTheKeys() {
        assertThatThrownBy(() -> config(Map.of("mqtt.port", "-1", "http.port", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.port").hasMessageContaining("mqtt.tls.port").hasMessageContaining("http.port");
    }

    @Test
    void thePlainMqttListenerMayBeSwitchedOffWhenHttpRemains() {
        assertThat(config(Map.of("mqtt.port", "-1")).mqttPort()).isEqualTo(-1);
    }

    @Test
    void httpTlsNeedsBothItsCertificateAndItsKey() throws Exception {
        Path cert = java.nio.file.Files.writeString(dir.resolve("c.pem"), "x");
        assertThatThrownBy(() -> config(Map.of("http.tls.cert-file", cert.toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.tls.key-file: required");
        assertThat(config(Map.of()).httpTls()).isNull();
    }

    @Test
    void requiredClientCertificatesNeedAClientCa() throws Exception {
        Path pem = java.nio.file.Files.writeString(dir.resolve("s.pem"), "x");
        Map<String, String> tls = Map.of("mqtt.tls.port", "0", "mqtt.tls.cert-file", pem.toString(),
                "mqtt.tls.key-file", pem.toString(), "mqtt.tls.client-auth", "required");
        assertThatThrownBy(() -> config(tls))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("mqtt.tls.client-auth: required needs");
        Map<String, String> withCa = new HashMap<>(tls);
        withCa.put("mqtt.tls.client-ca-file", pem.toString());
        assertThat(config(withCa).tls().clientAuth()).isEqualTo(IngestConfig.ClientAuth.REQUIRED);
        withCa.put("mqtt.tls.client-auth", "sometimes");
        assertThatThrownBy(() -> config(withCa)).hasMessageStartingWith("mqtt.tls.client-auth: 'sometimes'");
    }

    @Test
    void aGatewayIsAloneWithoutDrainWaitUnlessToldItIsOneOfSeveral() {
        GatewayInstance alone = config(java.util.Map.of()).instance();
        assertThat(alone.drainWait()).isZero();
        assertThat(alone.quotaShares()).isEqualTo(1);
        assertThat(alone.idOr("127.0.0.1:1883")).endsWith(":1883");

        GatewayInstance second = config(java.util.Map.of("gateway.instance-id", "gw-2", "gateway.drain-seconds", "5",
                "limits.instances", "2")).instance();
        assertThat(second.idOr("127.0.0.1:21885")).isEqualTo("gw-2");
        assertThat(second.drainWait()).hasSeconds(5);
        assertThat(second.quotaShares()).isEqualTo(2);

        assertThatThrownBy(() -> config(java.util.Map.of("limits.instances", "0")))
                .hasMessageContaining("limits.instances");
    }
}
