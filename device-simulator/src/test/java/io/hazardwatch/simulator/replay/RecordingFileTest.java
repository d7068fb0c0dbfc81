package io.hazardwatch.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFileTest {

    private static final Instant T = Instant.parse("2026-11-24T08:00:00.250Z");

    @TempDir
    Path dir;

    @Test
    void jsonLinesKeepTimeTopicAndPayloadIncludingNonJsonPayloads() throws Exception {
        Path file = dir.resolve("r.jsonl");
        RecordedMessage json = new RecordedMessage(T, "hazardwatch/v1/e/d/readings",
                Json.toBytes(DeviceMessage.reading("s", 1.5, "ppm", T)));
        RecordedMessage binary = new RecordedMessage(T.plusMillis(5), "x/y", new byte[] {1, 2, (byte) 0xff});
        try (RecordingFile.Writer writer = new RecordingFile.Writer(file)) {
            writer.write(json);
            writer.write(binary);
        }

        List<RecordedMessage> read = RecordingFile.read(file);

        assertThat(Files.readAllLines(file).get(0)).startsWith("{\"at\":\"2026-11-24T08:00:00.250Z\",\"topic\":\"hazardwatch/v1/e/d/readings\",\"payload\":{");
        assertThat(read).hasSize(2);
        assertThat(read.get(0).at()).isEqualTo(T);
        assertThat(Json.fromBytes(read.get(0).payload(), DeviceMessage.class)).isEqualTo(DeviceMessage.reading("s", 1.5, "ppm", T));
        assertThat(read.get(1).payload()).containsExactly(1, 2, 0xff);
    }

    @Test
    void aCsvRowBecomesOneReadingOnItsDevicesTopic() throws Exception {
        Path file = Files.writeString(dir.resolve("r.csv"), """
                time,enterprise,device,sensor,value,unit
                2026-11-24T08:00:00.250Z,hengda-chemicals,tank-farm-a,lel-01,12.5,%LEL
                1795507200000,hengda-chemicals,tank-farm-a,lel-02,2,%LEL
                """);

        List<RecordedMessage> read = RecordingFile.read(file);

        assertThat(read).extracting(RecordedMessage::topic).containsOnly("hazardwatch/v1/hengda-chemicals/tank-farm-a/readings");
        assertThat(Json.fromBytes(read.get(0).payload(), DeviceMessage.class))
                .isEqualTo(DeviceMessage.reading("lel-01", 12.5, "%LEL", T));
        assertThat(read.get(1).at()).isEqualTo(Instant.ofEpochMilli(1795507200000L));
    }

    @Test
    void aRecordingWrittenBeforeTheCsvLibraryStillReadsAndWritesBackByteForByte() throws Exception {
        Path old = Path.of(getClass().getResource("/recordings/written-by-0.1.jsonl").toURI());

        List<RecordedMessage> read = RecordingFile.read(old);
        Path again = dir.resolve("again.jsonl");
        try (RecordingFile.Writer writer = new RecordingFile.Writer(again)) {
            read.forEach(writer::write);
        }

        assertThat(read).hasSize(4);
        assertThat(read.get(0).at()).isEqualTo(T);
        assertThat(Json.fromBytes(read.get(1).payload(), DeviceMessage.class))
                .isEqualTo(DeviceMessage.reading("nh3-02", 4.25, "ppm", T.plusMillis(970)));
        assertThat(new String(read.get(2).payload(), StandardCharsets.UTF_8)).isEqualTo("not json, \"quoted\"");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(old));
    }

    @Test
    void aCsvFileAsPeopleWriteItSkipsBlankLinesAndStripsFields() throws Exception {
        Path csv = Path.of(getClass().getResource("/recordings/hand-made.csv").toURI());

        List<RecordedMessage> read = RecordingFile.read(csv);

        assertThat(read).extracting(RecordedMessage::topic).containsExactly(
                "hazardwatch/v1/hengda-chemicals/tank-farm-a/readings", "hazardwatch/v1/hengda-chemicals/tank-farm-a/readings",
                "hazardwatch/v1/hengda-chemicals/tank-farm-b/readings");
        assertThat(Json.fromBytes(read.get(1).payload(), DeviceMessage.class))
                .isEqualTo(DeviceMessage.reading("nh3-02", 4.25, "ppm", Instant.ofEpochMilli(1795507200000L)));
    }

    @Test
    void aCsvErrorNamesTheFilesLineCountingBlankLines() throws Exception {
        Path csv = Files.writeString(dir.resolve("gap.csv"), "time,enterprise,device,sensor,value,unit\n"
                + "2026-11-24T08:00:00Z,e,d,s,1,ppm\n\n  \n2026-11-24T08:00:01Z,e,,s,1,ppm\n");
        Path fields = Files.writeString(dir.resolve("fields.csv"), "time,enterprise,device,sensor,value,unit\n"
                + "2026-11-24T08:00:00Z,e,d,s,1,ppm,extra\n");

        assertThatThrownBy(() -> RecordingFile.read(csv)).hasMessage(csv + " line 5: device: required");
        assertThatThrownBy(() -> RecordingFile.read(fields))
                .hasMessage(fields + " line 2: expected 6 fields (time,enterprise,device,sensor,value,unit), found 7");
    }

    @Test
    void errorsNameTheFileLineAndField() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "time,enterprise,device,sensor,value,unit\n"
                + "2026-11-24T08:00:00Z,e,d,s,lots,ppm\n");
        Path header = Files.writeString(dir.resolve("header.csv"), "when,what\n");
        Path jsonl = Files.writeString(dir.resolve("bad.jsonl"), "{\"at\":\"yesterday\",\"topic\":\"t\",\"payload\":{}}\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RecordingFile.read(csv)).hasMessage(csv + " line 2: value: 'lots' is not a number");
        assertThatThrownBy(() -> RecordingFile.read(header))
                .hasMessage(header + " line 1: header must be 'time,enterprise,device,sensor,value,unit'");
        assertThatThrownBy(() -> RecordingFile.read(jsonl))
                .hasMessage(jsonl + " line 1: at: 'yesterday' is not an ISO-8601 instant or epoch milliseconds");
        assertThatThrownBy(() -> RecordingFile.read(dir.resolve("none.jsonl"))).hasMessageEndingWith("none.jsonl: no such file");
    }

    @Test
    void aKafkaReadingIsRecordedAsWhatItsDevicePublishedAtItsIngestTime() {
        Reading reading = new Reading(1, "e", "d", "s", SensorType.AMMONIA, 4.5, "ppm", T, T.plusMillis(40));

        RecordedMessage m = KafkaRecorder.toMessage(reading);

        assertThat(m.at()).isEqualTo(T.plusMillis(40));
        assertThat(m.topic()).isEqualTo("hazardwatch/v1/e/d/readings");
        assertThat(Json.fromBytes(m.payload(), DeviceMessage.class)).isEqualTo(DeviceMessage.reading("s", 4.5, "ppm", T));
    }
}
