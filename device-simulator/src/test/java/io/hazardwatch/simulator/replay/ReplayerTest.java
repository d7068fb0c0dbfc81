package io.hazardwatch.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayerTest {

    private static final Instant T0 = Instant.parse("2026-11-17T08:00:00Z");

    private record Sent(String topic, byte[] payload, long nanos) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Replayer.Sink sink = (topic, payload) -> {
        sent.add(new Sent(topic, payload, System.nanoTime()));
        return CompletableFuture.completedFuture(null);
    };

    @Test
    void tenTimesSpeedReplaysASixtySecondRecordingInAboutSixSecondsInItsOrder() throws Exception {
        List<RecordedMessage> recording = sixtySecondsAtFivePerSecond();

        long start = System.nanoTime();
        Replayer.Result result = replayer(10, false).replay(recording);
        double seconds = (System.nanoTime() - start) / 1e9;

        // never early: the last message is due 5.98 s after the start; a busy shared machine may be late
        assertThat(seconds).isBetween(5.9, 8.0);
        assertThat(result.published()).isEqualTo(300);
        assertThat(sent).extracting(Sent::topic).containsExactlyElementsOf(recording.stream().map(RecordedMessage::topic).toList());
        // relative timing: the message recorded at +30 s goes out about 3 s in
        long third = sent.get(150).nanos() - sent.get(0).nanos();
        assertThat(third / 1e9).isBetween(2.9, 4.5);
    }

    @Test
    void asFastAsPossibleKeepsTheOrderButNotTheTiming() throws Exception {
        List<RecordedMessage> recording = sixtySecondsAtFivePerSecond();

        Replayer.Result result = replayer(0, false).replay(recording);

        assertThat(result.took()).isLessThan(Duration.ofSeconds(5));
        assertThat(sent).extracting(Sent::topic).containsExactlyElementsOf(recording.stream().map(RecordedMessage::topic).toList());
    }

    @Test
    void shiftToNowMovesEveryReadingTimestampByTheSameOffset() throws Exception {
        List<RecordedMessage> recording = sixtySecondsAtFivePerSecond().subList(0, 3);

        Instant before = Instant.now();
        replayer(0, true).replay(recording);

        List<Instant> stamps = sent.stream().map(s -> Json.fromBytes(s.payload(), DeviceMessage.class).ts()).toList();
        assertThat(stamps.get(0)).isBetween(before.minusMillis(1), Instant.now());
        assertThat(Duration.between(stamps.get(0), stamps.get(2))).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aMessageIsDueAtItsOffsetDividedByTheSpeed() {
        assertThat(Replayer.dueNanos(T0, T0.plusSeconds(30), 10)).isEqualTo(3_000_000_000L);
        assertThat(Replayer.dueNanos(T0, T0.plusSeconds(30), 0.5)).isEqualTo(60_000_000_000L);
        assertThat(Replayer.dueNanos(T0, T0.plusSeconds(30), 0)).isZero();
        assertThat(Replayer.dueNanos(T0, T0.minusSeconds(1), 1)).as("out-of-order stamps are sent at once").isZero();
    }

    private Replayer replayer(double speed, boolean shift) {
        return new Replayer(sink, new Replayer.Settings(speed, shift, 10), new PrintWriter(new StringWriter()));
    }

    /** 300 messages, one every 200 ms, each on its own numbered topic. */
    static List<RecordedMessage> sixtySecondsAtFivePerSecond() {
        List<RecordedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant at = T0.plusMillis(200L * i);
            messages.add(new RecordedMessage(at, "hazardwatch/v1/ent-a/dev-" + i + "/readings",
                    Json.toBytes(DeviceMessage.reading("lel-1", i, "%LEL", at))));
        }
        return messages;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
