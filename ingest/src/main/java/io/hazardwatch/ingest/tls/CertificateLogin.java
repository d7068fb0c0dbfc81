package io.hazardwatch.ingest.tls;

import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The login a client certificate proves on the MQTT TLS listener (the handshake has already checked that the client
 * CA signed it). It logs in only as the registry login whose {@code certificate} names it (fingerprint or subject
 * CN); a certificate the CRL revokes, or one shown with another login's username, is refused ({@link Refused}) —
 * however right the password. A certificate that names no login proves nothing: the password decides.
 */
public final class CertificateLogin {

    /** A certificate that may not log in: revoked, or shown with another login's username. */
    public static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final RevokedCertificates revoked;

    public CertificateLogin(RevokedCertificates revoked) {
        this.revoked = revoked;
    }

    /**
     * What the client certificate of a CONNECT decides: empty when there is none or it names no login (check the
     * password); else the principal it names, or a failure with {@link Refused}.
     */
    public Optional<Future<Optional<Principal>>> decide(SSLSession ssl, String username, Registry registry) {
        X509Certificate certificate = peerCertificate(ssl);
        if (certificate == null) {
            return Optional.empty();
        }
        if (revoked.isRevoked(certificate)) {
            return Optional.of(Future.failedFuture(new Refused("certificate " + describe(certificate) + " is revoked")));
        }
        Optional<Principal> named = registry.principalByCertificate(fingerprint(certificate), commonName(certificate));
        if (named.isEmpty()) {
            return Optional.empty();
        }
        if (username != null && !username.equals(named.get().username())) {
            return Optional.of(Future.failedFuture(new Refused("certificate " + describe(certificate)
                    + " belongs to login '" + named.get().username() + "', not to '" + username + "'")));
        }
        return Optional.of(Future.succeededFuture(named));
    }

    /** Whether a connection's certificate is revoked now (after a CRL reload). */
    public boolean revoked(SSLSession ssl) {
        X509Certificate certificate = peerCertificate(ssl);
        return certificate != null && revoked.isRevoked(certificate);
    }

    static X509Certificate peerCertificate(SSLSession ssl) {
        try {
            Certificate[] chain = ssl == null ? null : ssl.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate cert ? cert : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate
        }
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hex (what {@code openssl x509 -fingerprint -sha256} shows). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial " + certificate.getSerialNumber().toString(16) + ")";
    }
}
