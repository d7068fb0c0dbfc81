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
}
