package io.hazardwatch.alerts.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments: their type told by the magic bytes, their files written whole under safe names. */
class AttachmentFilesTest {

    @Test
    void theTypeIsToldByTheFirstBytesNotByTheName() {
        assertThat(FileTypes.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(FileTypes.JPEG);
        assertThat(FileTypes.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})).contains(FileTypes.PNG);
        assertThat(FileTypes.detect("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains(FileTypes.PDF);
        assertThat(FileTypes.detect("<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(FileTypes.detect(new byte[] {(byte) 0x89, 'P', 'N'})).as("truncated").isEmpty();
        assertThat(FileTypes.detect(new byte[0])).isEmpty();
    }

    @Test
    void aFileIsWrittenWholeUnderItsIncidentAndNoIdEscapesTheDirectory(@TempDir Path dir) throws Exception {
        AttachmentStore store = new AttachmentStore(dir);
        store.write("ent-a~tank-1~1795507200000", "att-1", new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(dir.resolve("ent-a~tank-1~1795507200000").resolve("att-1"))).containsExactly(1, 2, 3);
        try (var files = Files.list(dir.resolve("ent-a~tank-1~1795507200000"))) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
        assertThatThrownBy(() -> store.pathOf("..", "att-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.pathOf("x", "../y")).isInstanceOf(IllegalArgumentException.class);
    }
}
