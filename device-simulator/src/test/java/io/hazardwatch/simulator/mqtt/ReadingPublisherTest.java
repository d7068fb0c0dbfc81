package io.hazardwatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.run.PublishCounts;
import io.hazardwatch.simulator.scenario.DeviceSample;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import io.hazardwatch.testsupport.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadingPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aDeviceSampleBecomesOneBatchWithEveryReadingStampedNow() {
        DeviceSample sample = new DeviceSample("ent-a", "tank-1",
                List.of(new DeviceSample.Value("lel-1", 12.5, "%LEL"), new DeviceSample.Value("temp-1", 20.1, "degC")));

        DeviceMessage message = ReadingPublisher.toMessage(sample, NOW);

        assertThat(message).isEqualTo(DeviceMessage.batch(List.of(
                DeviceMessage.reading("lel-1", 12.5, "%LEL", NOW), DeviceMessage.reading("temp-1", 20.1, "degC", NOW))));
        assertThat(Json.toString(message)).isEqualTo("{\"readings\":["
                + "{\"sensor\":\"lel-1\",\"value\":12.5,\"unit\":\"%LEL\",\"ts\":\"2026-11-24T08:00:00Z\"},"
                + "{\"sensor\":\"temp-1\",\"value\":20.1,\"unit\":\"degC\",\"ts\":\"2026-11-24T08:00:00Z\"}]}");
    }

    @Test
    void clientIdsFitTheMqtt311MinimumAndDifferBetweenRuns() {
        String id = EnterpriseConnection.clientId("binhai-cold-chain-with-a-long-name");

        assertThat(id).hasSizeLessThanOrEqualTo(23).startsWith("sim-binhai-cold-");
        assertThat(EnterpriseConnection.clientId("ent-a")).matches("sim-ent-a-[0-9a-f]{4}");
        assertThat(EnterpriseConnection.clientId("ent-a")).isNotEqualTo(EnterpriseConnection.clientId("ent-a"));
    }

    @Test
    void withoutABrokerStartReturnsAndEveryBatchIsCountedAsFailedWithoutThrowing() {
        Scenario scenario = TestScenarios.load(dir, "tcp://127.0.0.1:" + FreePort.find());
        List<DeviceSample> tick = new SignalGenerator(scenario, 1).sample(Duration.ZERO);

        try (ReadingPublisher publisher = new ReadingPublisher(scenario, fastSettings())) {
            publisher.start();
            publisher.publish(tick, NOW);
            publisher.publish(tick, NOW);

            assertThat(publisher.counts()).isEqualTo(new PublishCounts(0, 0, 2L * TestScenarios.DEVICES));
        }
    }

    static MqttSettings fastSettings() {
        return new MqttSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(2));
    }
}
