package io.hazardwatch.simulator.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The secrets file of a fleet: one line {@code username<TAB>secret<TAB>enterprise<TAB>device} per device, written by
 * {@code fleet --device-logins --secrets-out} and read by {@code load --fleet --secrets}. Readable by its owner only.
 */
public final class FleetSecrets {

    /** One device's login. */
    public record Login(String username, String secret, String enterprise, String device) {
    }

    private FleetSecrets() {
    }

    /** Writes the file with mode 600 (created so before any secret is in it). */
    public static void write(Path file, List<Login> logins) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder text = new StringBuilder(logins.size() * 100);
        for (Login l : logins) {
            text.append(l.username()).append('\t').append(l.secret()).append('\t').append(l.enterprise()).append('\t')
                    .append(l.device()).append('\n');
        }
        Files.writeString(file, text);
    }

    /** Every login of the file, in file order; a malformed line stops with its number. */
    public static List<Login> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets file " + file + ": " + e.getMessage(), e);
        }
        List<Login> logins = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 4 || Set.of(f).contains("")) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                        + ": expected username<TAB>secret<TAB>enterprise<TAB>device");
            }
            logins.add(new Login(f[0], f[1], f[2], f[3]));
        }
        return logins;
    }
}
