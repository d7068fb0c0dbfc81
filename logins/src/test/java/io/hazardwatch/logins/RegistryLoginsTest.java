package io.hazardwatch.logins;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLoginsTest {

    // bcrypt of "s3cret", cost 4 to keep the test fast
    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";

    @TempDir
    Path dir;

    private Registry load() throws IOException {
        Path file = dir.resolve("registry.yaml");
        Files.writeString(file, """
                version: 1
                enterprises:
                  - id: ent-a
                    gridCell: grid-1
                    credentials:
                      - {username: ent-a-gw, passwordHash: "%1$s"}
                    devices:
                      - id: tank-1
                        credentials:
                          - {username: tank-1-dev, passwordHash: "%1$s"}
                        sensors:
                          - {id: lel-1, type: COMBUSTIBLE_GAS}
                """.formatted(HASH));
        return Registry.load(file);
    }

    @Test
    void authenticatesAgainstTheBcryptHash() throws IOException {
        Registry registry = load();

        assertThat(RegistryLogins.login(registry, "ent-a-gw", "s3cret").map(Principal::enterprise)).contains("ent-a");
        assertThat(RegistryLogins.login(registry, "ent-a-gw", "wrong")).isEmpty();
        assertThat(RegistryLogins.login(registry, "nobody", "s3cret")).isEmpty();
        assertThat(RegistryLogins.login(registry, null, "s3cret")).isEmpty();
    }

    @Test
    void deviceLoginRefusesAWrongPassword() throws IOException {
        Registry registry = load();

        assertThat(RegistryLogins.login(registry, "tank-1-dev", "s3cret").orElseThrow().mayPublishFor("ent-a", "tank-1"))
                .isTrue();
        assertThat(RegistryLogins.login(registry, "tank-1-dev", "wrong")).isEmpty();
    }
}
