package io.hazardwatch.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched config file: reloaded only when it changed, a bad change refused and the last good value kept. */
class WatchedFileTest {

    @TempDir
    Path dir;

    private static Integer positive(Path file) {
        try {
            int value = Integer.parseInt(Files.readString(file).trim());
            if (value <= 0) {
                throw new ConfigException("value: must be positive, got " + value);
            }
            return value;
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read", e);
        }
    }

    @Test
    void reloadsOnlyAChangedFileAndKeepsTheLastGoodValueOfABadOne() throws IOException {
        Path file = Files.writeString(dir.resolve("n.txt"), "1");
        AtomicInteger loads = new AtomicInteger();
        WatchedFile<Integer> watched = new WatchedFile<>(file, p -> {
            loads.incrementAndGet();
            return positive(p);
        });
        String first = watched.loaded().version();

        assertThat(watched.reloadIfChanged()).isEmpty();
        assertThat(loads).hasValue(1);

        Files.writeString(file, "22");
        assertThat(watched.reloadIfChanged()).hasValueSatisfying(l -> assertThat(l.value()).isEqualTo(22));
        assertThat(watched.get()).isEqualTo(22);
        assertThat(watched.loaded().version()).hasSize(12).isNotEqualTo(first);

        Files.writeString(file, "-333");
        assertThatThrownBy(watched::reloadIfChanged).isInstanceOf(ConfigException.class).hasMessageContaining("value:");
        assertThat(watched.get()).isEqualTo(22);
        // the same bad file is not tried again until it changes once more
        assertThat(watched.reloadIfChanged()).isEmpty();
        Files.delete(file);
        assertThat(watched.reloadIfChanged()).as("a missing file keeps the last good value").isEmpty();
        assertThat(watched.get()).isEqualTo(22);
    }
}
