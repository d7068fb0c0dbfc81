package io.hazardwatch.model.registry;

import io.hazardwatch.model.registry.RegistryFile.Credential;
import io.hazardwatch.model.registry.RegistryFile.Device;
import io.hazardwatch.model.registry.RegistryFile.Enterprise;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which login a client certificate logs in as: a credential's {@code certificate} names it, either by its SHA-256
 * fingerprint ({@code sha256:<64 hex digits>}, colons allowed; names one certificate) or by its subject common name
 * ({@code cn:<name>}; any certificate the client CA signs with that name, so a renewed certificate keeps working).
 * A certificate that no credential names logs in as nobody.
 */
final class CertificateNames {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Normalised name ({@code sha256:<lower hex>} or {@code cn:<name>}) → username. */
    private final Map<String, String> usernames;

    private CertificateNames(Map<String, String> usernames) {
        this.usernames = Map.copyOf(usernames);
    }

    /** Reads and checks every credential's {@code certificate}; a name used twice is an error (one login per certificate). */
    static CertificateNames of(RegistryFile file) {
        Map<String, String> usernames = new HashMap<>();
        List<Enterprise> enterprises = file.enterprises();
        for (int e = 0; e < enterprises.size(); e++) {
            Enterprise ent = enterprises.get(e);
            String path = "enterprises[" + e + "]";
            add(ent.credentials(), path, usernames);
            for (int d = 0; ent.devices() != null && d < ent.devices().size(); d++) {
                Device dev = ent.devices().get(d);
                add(dev.credentials(), path + ".devices[" + d + "]", usernames);
            }
        }
        return new CertificateNames(usernames);
    }

    private static void add(List<Credential> credentials, String path, Map<String, String> usernames) {
        for (int c = 0; credentials != null && c < credentials.size(); c++) {
            Credential cred = credentials.get(c);
            if (cred.certificate() == null) {
                continue;
            }
            String cpath = path + ".credentials[" + c + "].certificate";
            String name = normalise(cred.certificate())
                    .orElseThrow(() -> new RegistryException(cpath + ": '" + cred.certificate() + "' is neither "
                            + "sha256:<64 hex digits> (the certificate's fingerprint) nor cn:<subject common name>"));
            String other = usernames.putIfAbsent(name, cred.username());
            if (other != null) {
                throw new RegistryException(cpath + ": '" + cred.certificate() + "' already names login '" + other
                        + "'; a certificate logs in as one login only");
            }
        }
    }

    static Optional<String> normalise(String certificate) {
        String value = certificate.trim();
        if (value.regionMatches(true, 0, "sha256:", 0, 7)) {
            String hex = value.substring(7).replace(":", "").toLowerCase(Locale.ROOT);
            return SHA256.matcher(hex).matches() ? Optional.of("sha256:" + hex) : Optional.empty();
        }
        if (value.regionMatches(true, 0, "cn:", 0, 3) && value.length() > 3) {
            return Optional.of("cn:" + value.substring(3));
        }
        return Optional.empty();
    }

    /** The username a certificate names: by its fingerprint first, else by its common name (null if it has none). */
    Optional<String> username(String sha256Hex, String commonName) {
        String byFingerprint = usernames.get("sha256:" + sha256Hex.toLowerCase(Locale.ROOT));
        if (byFingerprint != null) {
            return Optional.of(byFingerprint);
        }
        return commonName == null ? Optional.empty() : Optional.ofNullable(usernames.get("cn:" + commonName));
    }
}
