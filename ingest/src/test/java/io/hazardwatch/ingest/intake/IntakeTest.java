package io.hazardwatch.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.intake.Intake.Submission;
import io.hazardwatch.ingest.intake.ReadingSender.RefusedMessage;
import io.hazardwatch.ingest.limits.EnterpriseLimits;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.metrics.IngestMetrics.Transport;
import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.DeviceStatus;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake's steps one by one (check quota → validate address → map → upload), with a fake sender. */
class IntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final DeviceAddress TANK_1 = new DeviceAddress("ent-a", "tank-1");
    private static final DeviceAddress TANK_2 = new DeviceAddress("ent-a", "tank-2");

    private final FakeSender sender = new FakeSender();
    private Registry registry;
    private Intake intake;

    @BeforeEach
    void setUp(@TempDir Path dir) throws IOException {
        registry = Registry.load(Files.writeString(dir.resolve("r.yaml"), GatewayFixture.REGISTRY));
        PayloadValidator validator = new PayloadValidator(registry, 1024, 10, Duration.ofSeconds(2), Duration.ofHours(24));
        // ent-c: 5 messages/s in the registry; the clock stands still, so its bucket does not refill
        EnterpriseLimits limits = new EnterpriseLimits(() -> registry, 10, 100, () -> 1_000_000_000L);
        intake = new Intake(validator, sender, limits, new IngestMetrics(() -> 0));
    }

    @Test
    void checkQuotaRefusesAnEnterpriseOverItsMessagesPerSecond() {
        Principal entC = login("ent-c-gw");
        for (int i = 0; i < 5; i++) {
            assertThat(intake.checkQuota(entC)).as("message %d", i).isNull();
        }

        assertThat(intake.checkQuota(entC).reason()).isEqualTo(RefusalReason.QUOTA_EXCEEDED);
        assertThat(intake.checkQuota(login("ent-a-gw"))).as("another enterprise").isNull();
    }

    @Test
    void aTopicThatNamesNoDeviceIsRefusedAsTopicInvalid() {
        Verdict verdict = intake.judge(submission("ent-a-gw", new Destination.NoDevice("hazardwatch/v1/ent-a/readings"),
                "{\"sensor\":\"lel-1\",\"value\":1}"));

        assertThat(refused(verdict).refusal().reason()).isEqualTo(RefusalReason.TOPIC_INVALID);
        assertThat(refused(verdict).refusal().detail()).contains("'hazardwatch/v1/ent-a/readings'");
    }

    @Test
    void validateAddressRefusesADeviceTheLoginMayNotPublishFor() {
        assertThat(intake.validateAddress(login("tank-1-dev"), TANK_1)).isNull();
        assertThat(intake.validateAddress(login("ent-a-gw"), TANK_2)).as("an enterprise login").isNull();

        assertThat(intake.validateAddress(login("tank-1-dev"), TANK_2).reason()).isEqualTo(RefusalReason.NOT_AUTHORIZED);
        assertThat(intake.validateAddress(login("ent-a-edge"), TANK_1).detail())
                .isEqualTo("login 'ent-a-edge' may not publish for device 'tank-1'");
    }

    @Test
    void mapTurnsThePayloadIntoReadingsOfTheAddressedDevice() {
        Verdict verdict = intake.map(submission("ent-a-gw", TANK_2, "{\"sensor\":\"lel-1\",\"value\":12.5}"), TANK_2);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        Reading reading = ((Verdict.Accepted) verdict).readings().get(0);
        assertThat(reading.sensorKey().toString()).isEqualTo("ent-a/tank-2/lel-1");
        assertThat(reading.value()).isEqualTo(12.5);
    }

    @Test
    void mapRefusesAnotherEnterprisesDevice() {
        DeviceAddress room = new DeviceAddress("ent-b", "room-1");
        Verdict verdict = intake.map(submission("ent-a-gw", room, "{\"sensor\":\"nh3-1\",\"value\":1}"), room);

        assertThat(refused(verdict).refusal().reason()).isEqualTo(RefusalReason.NOT_AUTHORIZED);
    }

    @Test
    void uploadSendsTheReadingsOfAnAcceptedMessage() {
        Future<Verdict> stored = intake.submit(submission("ent-a-gw", TANK_1, "{\"sensor\":\"lel-1\",\"value\":3}"));

        assertThat(stored.result()).isInstanceOf(Verdict.Accepted.class);
        assertThat(sender.sent).extracting(Reading::sensor).containsExactly("lel-1");
        assertThat(sender.deadLetters).isEmpty();
    }

    @Test
    void uploadDeadLettersARefusedMessageWithTheTopicItWasSentTo() {
        byte[] payload = "not json".getBytes(StandardCharsets.UTF_8);
        Future<Verdict> stored = intake.submit(new Submission(login("ent-a-gw"), "client-1",
                new Destination.Device(TANK_1), payload, NOW, Transport.MQTT, true));

        assertThat(refused(stored.result()).refusal().reason()).isEqualTo(RefusalReason.PAYLOAD_INVALID);
        assertThat(sender.sent).isEmpty();
        RefusedMessage dead = sender.deadLetters.get(0);
        assertThat(dead.payload()).isEqualTo(payload);
        assertThat(dead.topic()).isEqualTo("hazardwatch/v1/ent-a/tank-1/readings");
        assertThat(dead.clientId()).isEqualTo("client-1");
        assertThat(dead.enterprise()).isEqualTo("ent-a");
        assertThat(dead.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void uploadStoresTheGoodReadingsOfABatchAndDeadLettersEachBadOne() {
        Future<Verdict> stored = intake.submit(submission("ent-a-gw", TANK_1,
                "{\"readings\":[{\"sensor\":\"lel-1\",\"value\":3},{\"sensor\":\"nope\",\"value\":1}]}"));

        assertThat(((Verdict.Accepted) stored.result()).refused()).hasSize(1);
        assertThat(sender.sent).extracting(Reading::sensor).containsExactly("lel-1");
        assertThat(sender.deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.refusal().reason()).isEqualTo(RefusalReason.UNKNOWN_SENSOR);
            assertThat(new String(dead.payload(), StandardCharsets.UTF_8)).contains("nope");
        });
    }

    @Test
    void aMessageOverTheQuotaThatItsClientKeepsIsNotDeadLettered() {
        Principal entC = login("ent-c-gw");
        for (int i = 0; i < 5; i++) {
            intake.checkQuota(entC);
        }
        Future<Verdict> kept = intake.submit(new Submission(entC, "c", new Destination.Device(new DeviceAddress("ent-c", "silo-1")),
                "{}".getBytes(StandardCharsets.UTF_8), NOW, Transport.MQTT, true));
        Future<Verdict> bridged = intake.submit(new Submission(entC, "b", new Destination.Device(new DeviceAddress("ent-c", "silo-1")),
                "{}".getBytes(StandardCharsets.UTF_8), NOW, Transport.BRIDGE, false));

        assertThat(refused(kept.result()).refusal().reason()).isEqualTo(RefusalReason.QUOTA_EXCEEDED);
        assertThat(refused(bridged.result()).refusal().reason()).isEqualTo(RefusalReason.QUOTA_EXCEEDED);
        assertThat(sender.deadLetters).as("only the one its client does not keep").hasSize(1);
    }

    @Test
    void aMessageKafkaDidNotTakeFailsSoThatItIsNotAcknowledged() {
        sender.failWith = new IllegalStateException("broker away");

        Future<Verdict> stored = intake.submit(submission("ent-a-gw", TANK_1, "{\"sensor\":\"lel-1\",\"value\":3}"));

        assertThat(stored.failed()).isTrue();
        assertThat(stored.cause()).hasMessage("broker away");
    }

    private Principal login(String username) {
        return registry.principal(username).orElseThrow();
    }

    private Submission submission(String username, DeviceAddress address, String payload) {
        return submission(username, new Destination.Device(address), payload);
    }

    private Submission submission(String username, Destination to, String payload) {
        return new Submission(login(username), "client-1", to, payload.getBytes(StandardCharsets.UTF_8), NOW,
                Transport.MQTT, true);
    }

    private static Verdict.Refused refused(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        return (Verdict.Refused) verdict;
    }

    /** Records what the intake stores; answers at once, or with {@link #failWith}. */
    private static final class FakeSender implements ReadingSender {
        final List<Reading> sent = new ArrayList<>();
        final List<RefusedMessage> deadLetters = new ArrayList<>();
        RuntimeException failWith;

        @Override
        public Future<Void> send(List<Reading> readings) {
            sent.addAll(readings);
            return answer();
        }

        @Override
        public Future<Void> deadLetter(RefusedMessage message) {
            deadLetters.add(message);
            return answer();
        }

        @Override
        public Future<Void> status(DeviceStatus status) {
            return answer();
        }

        @Override
        public Future<Boolean> ready() {
            return Future.succeededFuture(true);
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }

        private Future<Void> answer() {
            return failWith == null ? Future.succeededFuture() : Future.failedFuture(failWith);
        }
    }
}
