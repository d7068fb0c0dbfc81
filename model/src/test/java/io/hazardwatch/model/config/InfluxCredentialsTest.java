package io.hazardwatch.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void noUsernameMeansNoAuthentication() {
        assertThat(InfluxCredentials.from(Settings.of(Map.of()), "influx").present()).isFalse();
    }

    @Test
    void readsThePasswordFileWithoutItsLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("influx-writer.password"), "s3cret\n");

        InfluxCredentials login = InfluxCredentials.from(Settings.of(Map.of("influx.username", "hw_writer",
                "influx.password-file", file.toString())), "influx");

        assertThat(login).isEqualTo(InfluxCredentials.of("hw_writer", "s3cret"));
        assertThat(login.toString()).contains("hw_writer").doesNotContain("s3cret");
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() {
        Settings settings = Settings.load(null, Map.of("HW_INFLUX_USERNAME", "hw_reader", "HW_INFLUX_PASSWORD", "pw"));

        assertThat(InfluxCredentials.from(settings, "influx")).isEqualTo(InfluxCredentials.of("hw_reader", "pw"));
    }

    @Test
    void aUsernameWithoutPasswordOrAnUnreadableFileStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> InfluxCredentials.from(Settings.of(Map.of("influx.username", "hw_writer")), "influx"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("influx.password-file: required");
        assertThatThrownBy(() -> InfluxCredentials.from(Settings.of(Map.of("influx.username", "hw_writer",
                "influx.password-file", dir.resolve("missing").toString())), "influx"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("influx.password-file: cannot read");
    }

    @Test
    void anotherPrefixFallsBackWhenItsUsernameIsNotSet() {
        InfluxCredentials reader = InfluxCredentials.of("hw_reader", "pw");
        Settings settings = Settings.of(Map.of("influx.incidents.username", "hw_writer", "influx.incidents.password", "w"));

        assertThat(InfluxCredentials.from(Settings.of(Map.of()), "influx.incidents", reader)).isEqualTo(reader);
        assertThat(InfluxCredentials.from(settings, "influx.incidents", reader))
                .isEqualTo(InfluxCredentials.of("hw_writer", "w"));
    }
}
