package io.hazardwatch.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFilesTest {

    enum Colour { RED, GREEN }

    record Item(String id, Colour colour, Double weight) {
    }

    record Doc(Duration window, List<Item> items) {
    }

    @TempDir
    Path dir;

    private static Doc read(String yaml) {
        return YamlFiles.read(yaml.getBytes(StandardCharsets.UTF_8), Doc.class);
    }

    @Test
    void aParkSizedFileIsRead(@TempDir Path dir) throws IOException {
        // SnakeYAML refuses more than 3 M characters by default: a registry of ~6 000 devices; a park has 20 000
        StringBuilder yaml = new StringBuilder("devices:\n");
        int devices = 60_000;
        for (int i = 0; i < devices; i++) {
            yaml.append("  - {id: device-").append(i).append(", name: a device of the park with a long name}\n");
        }
        assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, yaml);

        assertThat(YamlFiles.readTree(file).path("devices").size()).isEqualTo(devices);
    }

    @Test
    void readsARecordWithJavaTimeValues() {
        Doc doc = read("window: PT30S\nitems:\n  - {id: a, colour: RED, weight: 1.5}\n");

        assertThat(doc.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(doc.items()).containsExactly(new Item("a", Colour.RED, 1.5));
    }

    @Test
    void anUnknownFieldIsAnErrorNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> read("items:\n  - {id: a, colur: RED}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("items[0].colur: unknown field (known: colour, id, weight)");
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorNamingIt() {
        assertThatThrownBy(() -> read("window: PT30S\nitems: []\nwindow: PT1M\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window");
    }

    @Test
    void anInvalidValueNamesTheFieldAndForAnEnumTheChoices() {
        assertThatThrownBy(() -> read("items:\n  - {id: a, weight: heavy}\n"))
                .hasMessage("items[0].weight: invalid value 'heavy'");
        assertThatThrownBy(() -> read("items:\n  - {id: a, colour: BLUE}\n"))
                .hasMessage("items[0].colour: invalid value 'BLUE' (one of: RED, GREEN)");
    }

    @Test
    void aFileErrorStartsWithTheKeyAndTheFile() throws IOException {
        Path file = dir.resolve("doc.yaml");
        Files.writeString(file, "items: [{id: a, colour: BLUE}]\n");
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> YamlFiles.read(file, Doc.class, "doc.file"))
                .hasMessage("doc.file: " + file + ": items[0].colour: invalid value 'BLUE' (one of: RED, GREEN)");
        assertThatThrownBy(() -> YamlFiles.read(missing, Doc.class))
                .hasMessageStartingWith(missing + ": cannot read: ");
    }

    @Test
    void aJsonFileIsReadAsJson() throws IOException {
        Path file = dir.resolve("doc.json");
        Files.writeString(file, "{\"items\": [{\"id\": \"a\"}]}");

        assertThat(YamlFiles.read(file, Doc.class).items()).containsExactly(new Item("a", null, null));
    }

    @Test
    void notYamlAtAllIsARootError() {
        assertThatThrownBy(() -> read("@reserved\n"))
                .hasMessageStartingWith("(root): not valid YAML: ");
    }
}
