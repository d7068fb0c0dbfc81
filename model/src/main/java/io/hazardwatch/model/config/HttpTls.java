package io.hazardwatch.model.config;

import java.nio.file.Path;

/**
 * TLS for an HTTP listener: a server certificate chain and its private key, both PEM ({@code <prefix>cert-file},
 * {@code <prefix>key-file}). Every request to our HTTP listeners carries a password or token, so any listener
 * reachable from another machine should have one (see docs/security-listeners.md).
 */
public record HttpTls(Path certFile, Path keyFile) {

    /** The TLS files under {@code prefix} (e.g. {@code "http.tls."}); null when neither key is set; one alone is an error. */
    public static HttpTls from(Settings settings, String prefix) {
        String cert = settings.string(prefix + "cert-file", "");
        String key = settings.string(prefix + "key-file", "");
        if (cert.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw new ConfigException(prefix + (cert.isEmpty() ? "cert-file" : "key-file") + ": required with "
                    + prefix + (cert.isEmpty() ? "key-file" : "cert-file") + " (TLS needs both, PEM)");
        }
        return new HttpTls(settings.existingFile(prefix + "cert-file", null), settings.existingFile(prefix + "key-file", null));
    }
}
