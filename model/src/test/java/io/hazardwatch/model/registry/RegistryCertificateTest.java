package io.hazardwatch.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client certificate logs in only as the credential whose {@code certificate} names it. */
class RegistryCertificateTest {

    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";
    private static final String FINGERPRINT = "ab".repeat(32);

    @TempDir
    Path dir;

    private Registry load(String gatewayCertificate, String deviceCertificate) throws IOException {
        Path file = dir.resolve("registry.yaml");
        Files.writeString(file, """
                version: 1
                enterprises:
                  - id: ent-a
                    gridCell: grid-1
                    credentials:
                      - {username: ent-a-gw, passwordHash: "%1$s", certificate: "%2$s"}
                      - {username: ent-a-other, passwordHash: "%1$s"}
                    devices:
                      - id: tank-1
                        credentials:
                          - {username: tank-1-dev, passwordHash: "%1$s", certificate: "%3$s"}
                        sensors:
                          - {id: lel-1, type: COMBUSTIBLE_GAS}
                """.formatted(HASH, gatewayCertificate, deviceCertificate));
        return Registry.load(file);
    }

    @Test
    void aFingerprintWrittenWithColonsAndCapitalsNamesItsLogin() throws IOException {
        String written = "SHA256:" + String.join(":", java.util.Collections.nCopies(32, "AB"));

        Registry registry = load(written, "cn:tank-1");

        assertThat(registry.principalByCertificate(FINGERPRINT, "whatever")).map(Principal::username).contains("ent-a-gw");
        assertThat(registry.principalByCertificate("cd".repeat(32), "tank-1")).map(Principal::username).contains("tank-1-dev");
    }

    @Test
    void aCommonNameThatIsALoginButNamedByNoCredentialLogsInAsNobody() throws IOException {
        Registry registry = load("sha256:" + FINGERPRINT, "cn:tank-1");

        assertThat(registry.principalByCertificate("cd".repeat(32), "ent-a-other")).isEmpty();
        assertThat(registry.principalByCertificate("cd".repeat(32), "tank-1-dev")).isEmpty();
    }

    @Test
    void oneCertificateMayNameOneLoginOnly() {
        assertThatThrownBy(() -> load("cn:shared", "cn:shared"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("enterprises[0].devices[0].credentials[0].certificate")
                .hasMessageContaining("already names login 'ent-a-gw'");
    }

    @Test
    void aCertificateThatIsNeitherFingerprintNorCommonNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> load("sha256:1234", "cn:tank-1"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("enterprises[0].credentials[0].certificate: 'sha256:1234' is neither");
    }
}
