package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    private static final String HASH = TestRegistry.PASSWORD_HASH;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("users.yaml"), yaml);
    }

    @Test
    void aUserLogsInWithThePasswordOfItsHashOnly() throws IOException {
        Users users = Users.load(write("""
                users:
                  - {username: grid1, role: GRID_STAFF, gridCells: [grid-1], passwordHash: "%s"}
                """.formatted(HASH)), "alert.users.file");

        User grid1 = users.stored("grid1").orElseThrow().check(TestRegistry.PASSWORD).orElseThrow();
        assertThat(grid1.gridCells()).isEqualTo(List.of("grid-1"));
        assertThat(users.stored("grid1").orElseThrow().check("wrong")).isEmpty();
        assertThat(users.stored("nobody")).isEmpty();
        assertThat(users.stored(null)).isEmpty();
    }

    @Test
    void anUnknownUsernameIsCheckedAgainstAStandInAndNeverLogsInEvenWithAUsersPassword() throws IOException {
        Users users = Users.load(write("""
                users:
                  - {username: grid1, role: GRID_STAFF, gridCells: [grid-1], passwordHash: "%s"}
                """.formatted(HASH)), "alert.users.file");

        // the stand-in is grid1's own hash (the only cost there is): its password matches it, and still no login
        assertThat(users.<User>checkUnknown(TestRegistry.PASSWORD)).isEmpty();
        assertThat(users.<User>checkUnknown("wrong")).isEmpty();
    }

    @Test
    void aMisspeltFieldFailsNamingTheKeyTheFileAndTheField() throws IOException {
        Path file = write("users:\n  - {username: duty, role: DUTY_OFFICER, pasword: \"" + HASH + "\"}\n");

        assertThatThrownBy(() -> Users.load(file, "alert.users.file"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alert.users.file: " + file + ": users[0].pasword: unknown field (known: ");
    }
}
