package io.hazardwatch.ingest.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.TestCertificates;
import io.hazardwatch.model.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRL must be the client CA's own: a list anyone else signed proves nothing about our certificates. */
class RevokedCertificatesTest {

    private static final TestCertificates PARK = new TestCertificates();
    private static final TestCertificates OTHER = new TestCertificates();

    @TempDir
    Path dir;

    @Test
    void aCrlSignedByTheClientCaRevokesItsListedCertificatesOnly() throws Exception {
        TestCertificates.Issued revoked = PARK.client("dev-1");
        TestCertificates.Issued kept = PARK.client("dev-2");
        Path ca = TestCertificates.writePem(dir, "ca", PARK.caCertificate(), null);
        Path crl = Files.writeString(dir.resolve("park.crl"), PARK.crlPem(revoked.certificate()));

        RevokedCertificates list = RevokedCertificates.of(crl, ca);

        assertThat(list.isRevoked(revoked.certificate())).isTrue();
        assertThat(list.isRevoked(kept.certificate())).isFalse();
        assertThat(RevokedCertificates.none().isRevoked(revoked.certificate())).isFalse();
    }

    @Test
    void aCrlOfAnotherCaStopsStartUpNamingTheKey() throws Exception {
        Path ca = TestCertificates.writePem(dir, "ca", PARK.caCertificate(), null);
        Path crl = Files.writeString(dir.resolve("other.crl"), OTHER.crlPem());

        assertThatThrownBy(() -> RevokedCertificates.of(crl, ca))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.tls.crl-file: ")
                .hasMessageContaining("is not a CRL signed by the client CA");
    }
}
