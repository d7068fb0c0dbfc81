package io.hazardwatch.alerts.auth;

import io.hazardwatch.logins.Passwords;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.YamlFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's users, from a YAML file ({@code deploy/config/users.yaml}) with bcrypt password hashes (make one
 * with {@code io.hazardwatch.logins.Passwords <password>}). Plain passwords are never stored.
 */
public final class Users {

    private record Entry(String username, String passwordHash, Role role, List<String> gridCells, String enterprise) {
    }

    private record File(List<Entry> users) {
    }

    private final Map<String, Entry> byName;
    /** One of the file's own hashes, of the bcrypt cost most have: what an unknown username is checked against. */
    private final String standIn;

    private Users(Map<String, Entry> byName) {
        this.byName = byName;
        Map<String, Long> costs = byName.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(Users::cost, java.util.stream.Collectors.counting()));
        String common = costs.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        this.standIn = byName.values().stream().map(Entry::passwordHash).filter(h -> cost(h).equals(common))
                .sorted().findFirst().orElseThrow();
    }

    private static String cost(Entry e) {
        return cost(e.passwordHash());
    }

    /** {@code $2a$10$...} → "10". */
    private static String cost(String hash) {
        return hash.length() > 6 ? hash.substring(4, 6) : "";
    }

    /**
     * For a username the file does not have: the same bcrypt run as a known one's check, its result thrown away, so
     * that timing does not tell which usernames exist. Always empty. Call it off the event loop.
     */
    public <T> Optional<T> checkUnknown(String password) {
        Passwords.matchesAny(password, standIn);
        return Optional.empty();
    }

    public static Users load(Path path, String key) {
        File file = YamlFiles.read(path, File.class, key);
        if (file == null || file.users() == null || file.users().isEmpty()) {
            throw new ConfigException(key + ": " + path + ": users: at least one user is required");
        }
        Map<String, Entry> byName = new HashMap<>();
        for (int i = 0; i < file.users().size(); i++) {
            Entry e = file.users().get(i);
            String at = key + ": " + path + ": users[" + i + "]";
            if (e.username() == null || e.username().isBlank() || e.role() == null) {
                throw new ConfigException(at + ": username and role are required");
            }
            if (e.passwordHash() == null || !e.passwordHash().startsWith("$2")) {
                throw new ConfigException(at + ".passwordHash: must be a bcrypt hash (see Passwords)");
            }
            if (e.role() == Role.GRID_STAFF && (e.gridCells() == null || e.gridCells().isEmpty())) {
                throw new ConfigException(at + ".gridCells: required for GRID_STAFF");
            }
            if (e.role() == Role.ENTERPRISE && (e.enterprise() == null || e.enterprise().isBlank())) {
                throw new ConfigException(at + ".enterprise: required for ENTERPRISE");
            }
            if (byName.put(e.username(), e) != null) {
                throw new ConfigException(at + ".username: '" + e.username() + "' is used twice");
            }
        }
        return new Users(byName);
    }

    /** The user of a username and the hash its password must match, if there is such a user. Cheap. */
    public Optional<StoredLogin<User>> stored(String username) {
        Entry e = username == null ? null : byName.get(username);
        if (e == null) {
            return Optional.empty();
        }
        User user = new User(e.username(), e.role(), e.gridCells() == null ? List.of() : List.copyOf(e.gridCells()),
                e.enterprise());
        return Optional.of(new StoredLogin<>(user, e.passwordHash()));
    }

    /** Every user's stored hash, by username (production mode looks for the demo's). */
    public Map<String, String> passwordHashes() {
        Map<String, String> hashes = new HashMap<>();
        byName.forEach((name, e) -> hashes.put(name, e.passwordHash()));
        return hashes;
    }
}
