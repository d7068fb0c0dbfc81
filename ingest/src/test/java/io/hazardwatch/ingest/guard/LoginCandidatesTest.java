package io.hazardwatch.ingest.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.logins.DeviceSecrets;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import io.hazardwatch.model.registry.RegistryFile.Credential;
import io.hazardwatch.model.registry.RegistryFile.Device;
import io.hazardwatch.model.registry.RegistryFile.Enterprise;
import io.hazardwatch.testsupport.TestRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class LoginCandidatesTest {

    private static final String SECRET = DeviceSecrets.issue();
    private final LoginCandidates candidates = new LoginCandidates();

    private static Registry registry(List<Credential> gateway, List<Credential> device) {
        return Registry.of(new RegistryFile(1, List.of(new Enterprise("ent-a", "A", "grid-1", gateway,
                List.of(new Device("tank-1", null, List.of(), device, null)))), List.of()));
    }

    @Test
    void anUnknownUsernameIsCheckedAgainstABcryptHashOfTheRegistrysCommonCostLikeAKnownOne() {
        String cost5 = new BCryptPasswordEncoder(5).encode("other");
        Registry registry = registry(List.of(new Credential("ent-a-gw", TestRegistry.PASSWORD_HASH, null),
                        new Credential("ent-a-2", TestRegistry.PASSWORD_HASH, null),
                        new Credential("ent-a-3", cost5, null)),
                List.of(new Credential("tank-1-sec", DeviceSecrets.hash(SECRET), null)));

        LoginCandidates.Candidate known = candidates.find(registry, "ent-a-gw");
        LoginCandidates.Candidate unknown = candidates.find(registry, "nobody");

        assertThat(known.known()).isTrue();
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.cheap()).as("runs in the slow lane like a known bcrypt login").isEqualTo(known.cheap())
                .isFalse();
        assertThat(unknown.login().passwordHash()).as("bcrypt at the cost most logins have")
                .startsWith(TestRegistry.PASSWORD_HASH.substring(0, 7));
        // the same StoredLogin.check runs (a bcrypt comparison), and its answer is thrown away
        assertThat(unknown.check(TestRegistry.PASSWORD)).isEmpty();
        assertThat(unknown.stored()).isEmpty();
        assertThat(known.check(TestRegistry.PASSWORD)).get().extracting(p -> p.username()).isEqualTo("ent-a-gw");
        assertThat(known.check("wrong")).isEmpty();
    }

    @Test
    void withDeviceSecretsOnlyAnUnknownUsernameIsCheckedAgainstADeviceSecretHash() {
        Registry registry = registry(List.of(),
                List.of(new Credential("tank-1-sec", DeviceSecrets.hash(SECRET), null)));

        LoginCandidates.Candidate unknown = candidates.find(registry, "nobody");

        assertThat(unknown.cheap()).isTrue();
        assertThat(unknown.login().passwordHash()).startsWith("$hwsec1$");
        assertThat(unknown.check(SECRET)).as("even the right secret of another login").isEmpty();
        assertThat(candidates.find(registry, "tank-1-sec").check(SECRET)).isPresent();
    }
}
