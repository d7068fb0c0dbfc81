package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceAddressTest {

    @Test
    void parsesEnterpriseAndDevice() {
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/tank-1/readings")).contains(new DeviceAddress("ent-a", "tank-1"));
    }

    @Test
    void refusesOtherShapes() {
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/readings")).isEmpty();
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/x/tank-1/readings")).isEmpty();
        assertThat(DeviceAddress.parse("hazardwatch/v1//tank-1/readings")).isEmpty();
        assertThat(DeviceAddress.parse("other/ent-a/tank-1/readings")).isEmpty();
    }

    @Test
    void parsesStatusAndErrorTopicsWithTheirSuffix() {
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/tank-1/status", "/status")).contains(new DeviceAddress("ent-a", "tank-1"));
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/+/errors", "/errors")).contains(new DeviceAddress("ent-a", "+"));
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/tank-1/readings", "/errors")).isEmpty();
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/tank-1/", "/errors")).isEmpty();
        assertThat(DeviceAddress.parse("hazardwatch/v1/ent-a/tank-1/errors/", "/errors")).isEmpty();
        assertThat(DeviceAddress.parse("hazardwatch/v1/errors", "/errors")).isEmpty();
    }

    @Test
    void formatsTheTopicsItParsesAndItsKafkaKey() {
        DeviceAddress tank = new DeviceAddress("ent-a", "tank-1");
        assertThat(tank.readingsTopic()).isEqualTo("hazardwatch/v1/ent-a/tank-1/readings");
        assertThat(tank.statusTopic()).isEqualTo("hazardwatch/v1/ent-a/tank-1/status");
        assertThat(tank.errorsTopic()).isEqualTo("hazardwatch/v1/ent-a/tank-1/errors");
        assertThat(DeviceAddress.parse(tank.readingsTopic())).contains(tank);
        assertThat(tank.toString()).isEqualTo("ent-a/tank-1");
    }
}
