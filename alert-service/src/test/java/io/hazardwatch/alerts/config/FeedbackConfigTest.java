package io.hazardwatch.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attachments' directory and bounds and the board's public address: defaults, and bad values named. */
class FeedbackConfigTest {

    @Test
    void defaultsFollowTheHttpAddressAndTheDocumentedBounds() {
        FeedbackConfig config = FeedbackConfig.from(Settings.of(Map.of()), "10.0.0.5", 8080);
        assertThat(config.publicUrl()).isEqualTo("http://10.0.0.5:8080/");
        assertThat(config.attachmentsDir()).isEqualTo(Path.of("data/attachments"));
        assertThat(config.attachmentMaxBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.attachmentsPerIncident()).isEqualTo(10);
    }

    @Test
    void aDeploymentNamesItsOwnDirectoryAndAddress() {
        FeedbackConfig config = FeedbackConfig.from(Settings.of(Map.of("alert.attachments.dir", "/srv/hw/files",
                "alert.board.public-url", "https://board.park.example/duty")), "127.0.0.1", 8080);
        assertThat(config.attachmentsDir()).isEqualTo(Path.of("/srv/hw/files"));
        assertThat(config.publicUrl()).as("a slash is added for the #incident link").isEqualTo("https://board.park.example/duty/");
    }

    @Test
    void aBadValueStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> FeedbackConfig.from(Settings.of(Map.of("alert.board.public-url", "board.example")),
                "127.0.0.1", 8080)).isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.board.public-url:");
        assertThatThrownBy(() -> FeedbackConfig.from(Settings.of(Map.of("alert.attachments.max-bytes", "0")),
                "127.0.0.1", 8080)).isInstanceOf(ConfigException.class).hasMessageContaining("alert.attachments.max-bytes");
        assertThatThrownBy(() -> FeedbackConfig.from(Settings.of(Map.of("alert.attachments.max-per-incident", "many")),
                "127.0.0.1", 8080)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alert.attachments.max-per-incident");
    }
}
