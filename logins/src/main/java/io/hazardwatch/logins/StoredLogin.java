package io.hazardwatch.logins;

import java.util.Optional;

/**
 * Who a username logs in as and the bcrypt hash its password must match, as a credentials file stores them.
 *
 * @param <P> what a login yields (a registry {@code Principal}, an alert-service {@code User})
 */
public record StoredLogin<P>(P principal, String passwordHash) {

    /** The principal if {@code password} matches the hash. bcrypt: call it off the event loop. */
    public Optional<P> check(String password) {
        return Passwords.matches(password, passwordHash) ? Optional.of(principal) : Optional.empty();
    }
}
