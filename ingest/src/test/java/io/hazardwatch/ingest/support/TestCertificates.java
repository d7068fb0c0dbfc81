package io.hazardwatch.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA (BouncyCastle, EC P-256) that signs a server certificate for 127.0.0.1 and client certificates. */
public final class TestCertificates {

    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private final Issued ca;
    private long serial = 1;

    public TestCertificates() {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=HazardWatch Test CA");
        this.ca = new Issued(sign(name, keys, name, keys.getPrivate(), true, null), keys.getPrivate());
    }

    /** A server certificate for 127.0.0.1 / localhost. */
    public Issued server() {
        KeyPair keys = keyPair();
        GeneralNames san = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        return new Issued(sign(new X500Name("CN=localhost"), keys, caName(), ca.key(), false, san), keys.getPrivate());
    }

    /** A client certificate whose subject CN is {@code commonName}. */
    public Issued client(String commonName) {
        KeyPair keys = keyPair();
        return new Issued(sign(new X500Name("CN=" + commonName + ",O=Test Enterprise"), keys, caName(), ca.key(), false, null),
                keys.getPrivate());
    }

    /** A CRL of the test CA, PEM, revoking {@code revoked} (none: an empty list), next update in a day. */
    public String crlPem(X509Certificate... revoked) {
        try {
            Date now = new Date();
            org.bouncycastle.cert.X509v2CRLBuilder builder = new org.bouncycastle.cert.X509v2CRLBuilder(caName(), now);
            builder.setNextUpdate(Date.from(now.toInstant().plus(Duration.ofDays(1))));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), now, org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key());
            return pem("X509 CRL", builder.build(signer).getEncoded());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** Writes certificate and key as PEM files {@code <name>.crt} and {@code <name>.key}; returns the .crt path. */
    public static Path writePem(Path dir, String name, X509Certificate certificate, PrivateKey key) {
        try {
            Path crt = dir.resolve(name + ".crt");
            Files.writeString(crt, pem("CERTIFICATE", certificate.getEncoded()));
            if (key != null) {
                Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
            }
            return crt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client SSL context that trusts the test CA and, if given, presents {@code client}. */
    public SSLContext clientContext(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", client.key(), new char[0], new X509Certificate[] {client.certificate(), ca.certificate()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private X500Name caName() {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                 boolean isCa, GeneralNames san) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (san != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, san);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
