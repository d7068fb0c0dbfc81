package io.hazardwatch.ingest.guard;

import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.model.registry.LoginHash;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stored login a password is checked against. For a username the registry does not know, a stand-in of the same
 * kind, so that the answer takes as long as for a known one and timing does not tell which usernames exist: one of the
 * registry's own bcrypt hashes, of the cost most of them have (its result is thrown away), or a device secret's hash
 * when the registry holds no bcrypt login. bcrypt wins when both kinds are present: those are the logins with a
 * guessable password, whose names are worth hiding; a device secret (256 random bits) gains nothing from its name.
 */
public final class LoginCandidates {

    /** A login to check; its principal is empty for an unknown username, whatever the password. */
    public record Candidate(StoredLogin<Optional<Principal>> login, boolean known) {

        /** Whether the check is cheap enough for an event loop (a device secret's hash, not bcrypt). */
        public boolean cheap() {
            return login.cheap();
        }

        /** The username's own stored login; empty for an unknown username. */
        public Optional<StoredLogin<Principal>> stored() {
            return login.principal().map(p -> new StoredLogin<>(p, login.passwordHash()));
        }

        /** The principal if the password matches; the stand-in of an unknown username runs the same check. */
        public Optional<Principal> check(String password) {
            return login.check(password).flatMap(Function.identity());
        }
    }

    private record StandIn(Registry registry, String hash) {
    }

    private volatile StandIn standIn;

    /** The candidate for a username: its own stored login, or the registry's stand-in. */
    public Candidate find(Registry registry, String username) {
        Optional<StoredLogin<Principal>> stored = RegistryLogins.stored(registry, username);
        if (stored.isPresent()) {
            return new Candidate(new StoredLogin<>(Optional.of(stored.get().principal()),
                    stored.get().passwordHash()), true);
        }
        return new Candidate(new StoredLogin<>(Optional.empty(), standInHash(registry)), false);
    }

    private String standInHash(Registry registry) {
        StandIn current = standIn;
        if (current == null || current.registry() != registry) {
            current = new StandIn(registry, standInOf(registry));
            standIn = current;
        }
        return current.hash();
    }

    /** The stand-in hash of a registry (null when it has no login at all: nothing to imitate). */
    static String standInOf(Registry registry) {
        Map<String, String> byKindAndCost = hashes(registry)
                .filter(h -> LoginHash.of(h).isPresent())
                .collect(Collectors.toMap(LoginCandidates::kindAndCost, h -> h, (a, b) -> a));
        Map<String, Long> counts = hashes(registry).filter(h -> LoginHash.of(h).isPresent())
                .collect(Collectors.groupingBy(LoginCandidates::kindAndCost, Collectors.counting()));
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByKey((a, b) -> Boolean.compare(
                                a.startsWith(LoginHash.BCRYPT.name()), b.startsWith(LoginHash.BCRYPT.name())))
                        .thenComparing(Map.Entry.comparingByValue()))
                .map(e -> byKindAndCost.get(e.getKey()))
                .orElse(null);
    }

    /** BCRYPT and its cost ({@code $2a$10$} → "BCRYPT10"), or DEVICE_SECRET. */
    private static String kindAndCost(String hash) {
        LoginHash kind = LoginHash.of(hash).orElseThrow();
        return kind == LoginHash.BCRYPT && hash.length() > 6 ? kind.name() + hash.substring(4, 6) : kind.name();
    }

    private static Stream<String> hashes(Registry registry) {
        return registry.enterprises().stream().flatMap(e -> Stream.concat(
                        credentials(e.credentials()),
                        e.devices() == null ? Stream.empty()
                                : e.devices().stream().flatMap(d -> credentials(d.credentials()))))
                .map(RegistryFile.Credential::passwordHash)
                .filter(h -> h != null);
    }

    private static Stream<RegistryFile.Credential> credentials(java.util.List<RegistryFile.Credential> list) {
        return list == null ? Stream.empty() : list.stream();
    }
}
