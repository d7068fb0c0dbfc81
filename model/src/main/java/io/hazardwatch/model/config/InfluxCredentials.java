package io.hazardwatch.model.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A login to InfluxDB 1.x (issue 16), or {@link #NONE} for an InfluxDB without authentication. Read from
 * {@code <prefix>.username} and the password from {@code <prefix>.password-file} (a file holding only the password,
 * as {@code deploy/infra.sh} writes them under {@code $HW_STATE/secrets/}) or {@code <prefix>.password} (meant for the
 * environment, {@code HW_INFLUX_PASSWORD}; never put it in a properties file). No username means no authentication.
 * {@link #toString()} never shows the password.
 */
public record InfluxCredentials(String username, String password) implements Serializable {

    public static final InfluxCredentials NONE = new InfluxCredentials(null, null);

    public InfluxCredentials {
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("an InfluxDB login needs both a username and a password");
        }
    }

    public static InfluxCredentials of(String username, String password) {
        return new InfluxCredentials(username, password);
    }

    /** Whether requests carry this login (false: InfluxDB without authentication). */
    public boolean present() {
        return username != null;
    }

    /** {@code <prefix>.username} etc.; {@link #NONE} when no username is set. */
    public static InfluxCredentials from(Settings settings, String prefix) {
        return from(settings, prefix, NONE);
    }

    /** As {@link #from(Settings, String)}, with {@code fallback} when {@code <prefix>.username} is not set. */
    public static InfluxCredentials from(Settings settings, String prefix, InfluxCredentials fallback) {
        String username = settings.string(prefix + ".username", "");
        if (username.isEmpty()) {
            return fallback;
        }
        String fileKey = prefix + ".password-file";
        String file = settings.string(fileKey, "");
        String password = file.isEmpty() ? settings.string(prefix + ".password", "") : readPassword(fileKey, Path.of(file));
        if (password.isEmpty()) {
            throw new ConfigException(fileKey + ": required with " + prefix + ".username (or " + prefix
                    + ".password, as the environment variable " + Settings.envName(prefix + ".password") + ")");
        }
        return new InfluxCredentials(username, password);
    }

    private static String readPassword(String key, Path file) {
        try {
            String password = Files.readString(file).strip();
            if (password.isEmpty()) {
                throw new ConfigException(key + ": " + file.toAbsolutePath() + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return present() ? "InfluxDB user " + username : "no InfluxDB login";
    }
}
