package io.hazardwatch.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.RegistryFile.Credential;
import io.hazardwatch.model.registry.RegistryFile.Device;
import io.hazardwatch.model.registry.RegistryFile.Enterprise;
import io.hazardwatch.model.registry.RegistryFile.Sensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client certificate logs in only as the credential whose {@code certificate} names it. */
class RegistryCertificateTest {

    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";
    private static final String FINGERPRINT = "ab".repeat(32);

    /** ent-a: gateway ent-a-gw (certificate {@code gateway}), ent-a-other (none), device tank-1's tank-1-dev ({@code device}). */
    private static Registry registry(String gateway, String device) {
        Device tank = new Device("tank-1", null, List.of(new Sensor("lel-1", SensorType.COMBUSTIBLE_GAS, null)),
                List.of(new Credential("tank-1-dev", HASH, null, device)));
        Enterprise ent = new Enterprise("ent-a", null, "grid-1", List.of(new Credential("ent-a-gw", HASH, null, gateway),
                new Credential("ent-a-other", HASH)), List.of(tank));
        return Registry.of(new RegistryFile(1, List.of(ent)));
    }

    @Test
    void aFingerprintWrittenWithColonsAndCapitalsNamesItsLogin() {
        String written = "SHA256:" + String.join(":", java.util.Collections.nCopies(32, "AB"));

        Registry registry = registry(written, "cn:tank-1");

        assertThat(registry.principalByCertificate(FINGERPRINT, "whatever")).map(Principal::username).contains("ent-a-gw");
        assertThat(registry.principalByCertificate("cd".repeat(32), "tank-1")).map(Principal::username).contains("tank-1-dev");
    }

    @Test
    void aCommonNameThatIsALoginButNamedByNoCredentialLogsInAsNobody() {
        Registry registry = registry("sha256:" + FINGERPRINT, "cn:tank-1");

        assertThat(registry.principalByCertificate("cd".repeat(32), "ent-a-other")).isEmpty();
        assertThat(registry.principalByCertificate("cd".repeat(32), "tank-1-dev")).isEmpty();
    }

    @Test
    void oneCertificateMayNameOneLoginOnly() {
        assertThatThrownBy(() -> registry("cn:shared", "cn:shared"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("enterprises[0].devices[0].credentials[0].certificate")
                .hasMessageContaining("already names login 'ent-a-gw'");
    }

    @Test
    void aCertificateThatIsNeitherFingerprintNorCommonNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> registry("sha256:1234", "cn:tank-1"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("enterprises[0].credentials[0].certificate: 'sha256:1234' is neither");
    }
}
