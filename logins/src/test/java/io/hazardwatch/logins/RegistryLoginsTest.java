package io.hazardwatch.logins;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLoginsTest {

    @TempDir
    Path dir;

    @Test
    void authenticatesAgainstTheBcryptHash() {
        Registry registry = Registry.load(TestRegistry.write(dir));

        assertThat(RegistryLogins.login(registry, TestRegistry.ENT_A_USER, TestRegistry.PASSWORD)
                .map(Principal::enterprise)).contains(TestRegistry.ENT_A);
        assertThat(RegistryLogins.login(registry, TestRegistry.ENT_A_USER, "wrong")).isEmpty();
        assertThat(RegistryLogins.login(registry, "nobody", TestRegistry.PASSWORD)).isEmpty();
        assertThat(RegistryLogins.login(registry, null, TestRegistry.PASSWORD)).isEmpty();
    }

    @Test
    void deviceLoginRefusesAWrongPassword() {
        Registry registry = Registry.load(TestRegistry.write(dir));

        assertThat(RegistryLogins.login(registry, TestRegistry.ENT_A_DEVICE_USER, TestRegistry.PASSWORD).orElseThrow()
                .mayPublishFor(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE)).isTrue();
        assertThat(RegistryLogins.login(registry, TestRegistry.ENT_A_DEVICE_USER, "wrong")).isEmpty();
    }
}
