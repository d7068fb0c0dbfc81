package io.hazardwatch.ingest.tls;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.WatchedFile;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client certificates revoked by the client CA: its CRL file ({@code mqtt.tls.crl-file}, PEM or DER), re-read
 * when it changes, as the registry is. A CRL that does not parse, or that the client CA did not sign, is refused
 * at start-up and, later, logged and ignored: the last good list stays. Without a file nothing is revoked.
 */
public final class RevokedCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(RevokedCertificates.class);

    private final WatchedFile<X509CRL> crl;
    private final List<Consumer<X509CRL>> listeners = new CopyOnWriteArrayList<>();
    private long timer = -1;
    private boolean checking;

    private RevokedCertificates(WatchedFile<X509CRL> crl) {
        this.crl = crl;
    }

    /** Nothing revoked (no {@code mqtt.tls.crl-file}). */
    public static RevokedCertificates none() {
        return new RevokedCertificates(null);
    }

    /** Reads the CRL now; a file that is not a CRL signed by the CA in {@code caFile} stops start-up. */
    public static RevokedCertificates of(Path crlFile, Path caFile) {
        X509Certificate ca = caCertificate(caFile);
        try {
            return new RevokedCertificates(new WatchedFile<>(crlFile, f -> read(f, ca)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mqtt.tls.crl-file: " + e.getMessage());
        }
    }

    public boolean isRevoked(X509Certificate certificate) {
        return crl != null && crl.get().isRevoked(certificate);
    }

    /** Called on the timer's context after each successful reload. */
    public void onReload(Consumer<X509CRL> listener) {
        listeners.add(listener);
    }

    public void start(Vertx vertx, Duration interval) {
        if (crl != null) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> check(vertx));
        }
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check(Vertx vertx) {
        if (checking) {
            return;
        }
        checking = true;
        vertx.executeBlocking(crl::reloadIfChanged, false).onComplete(ar -> {
            checking = false;
            if (ar.failed()) {
                LOG.error("CRL {} changed but is not usable, keeping the previous one: {}", crl.file(),
                        ar.cause().getMessage());
            } else if (ar.result().isPresent()) {
                X509CRL current = ar.result().get().value();
                LOG.info("CRL {} reloaded: {} revoked certificates, next update {}", crl.file(),
                        current.getRevokedCertificates() == null ? 0 : current.getRevokedCertificates().size(),
                        current.getNextUpdate());
                listeners.forEach(l -> l.accept(current));
            }
        });
    }

    private static X509CRL read(Path file, X509Certificate ca) {
        try (InputStream in = Files.newInputStream(file)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            crl.verify(ca.getPublicKey());
            return crl;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a CRL signed by the client CA ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static X509Certificate caCertificate(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("mqtt.tls.client-ca-file: " + caFile + " is not a PEM certificate: " + e.getMessage());
        }
    }
}
