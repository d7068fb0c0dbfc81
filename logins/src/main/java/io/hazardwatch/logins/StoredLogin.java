package io.hazardwatch.logins;

import io.hazardwatch.model.registry.LoginHash;
import java.util.Optional;

/**
 * Who a username logs in as and the hash its password must match, as a credentials file stores them: bcrypt, or a
 * device secret's ({@link io.hazardwatch.model.registry.LoginHash}).
 *
 * @param <P> what a login yields (a registry {@code Principal}, an alert-service {@code User})
 */
public record StoredLogin<P>(P principal, String passwordHash) {

    /** The principal if {@code password} matches the hash. Unless {@link #cheap()}: call it off the event loop. */
    public Optional<P> check(String password) {
        return Passwords.matchesAny(password, passwordHash) ? Optional.of(principal) : Optional.empty();
    }

    /** Whether {@link #check} is cheap enough for an event loop (a device secret's hash, not bcrypt). */
    public boolean cheap() {
        return LoginHash.of(passwordHash).map(LoginHash::cheap).orElse(true);
    }
}
