package io.hazardwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttAddressTest {

    @Test
    void parsesEnterpriseAndDevice() {
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/tank-1/readings")).contains(new MqttAddress("ent-a", "tank-1"));
    }

    @Test
    void refusesOtherShapes() {
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/readings")).isEmpty();
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/x/tank-1/readings")).isEmpty();
        assertThat(MqttAddress.parse("hazardwatch/v1//tank-1/readings")).isEmpty();
        assertThat(MqttAddress.parse("other/ent-a/tank-1/readings")).isEmpty();
    }

    @Test
    void parsesStatusAndErrorTopicsWithTheirSuffix() {
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/tank-1/status", "/status")).contains(new MqttAddress("ent-a", "tank-1"));
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/+/errors", "/errors")).contains(new MqttAddress("ent-a", "+"));
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/tank-1/readings", "/errors")).isEmpty();
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/tank-1/", "/errors")).isEmpty();
        assertThat(MqttAddress.parse("hazardwatch/v1/ent-a/tank-1/errors/", "/errors")).isEmpty();
        assertThat(MqttAddress.parse("hazardwatch/v1/errors", "/errors")).isEmpty();
    }
}
