package io.hazardwatch.logins;

import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import java.util.Optional;

/** Password logins of the registry's credentials (MQTT and HTTP clients); the registry itself only keeps the hashes. */
public final class RegistryLogins {

    private RegistryLogins() {
    }

    /** The credential of a username, if the registry has one. Cheap: a map look-up. */
    public static Optional<StoredLogin<Principal>> stored(Registry registry, String username) {
        return registry.principal(username).map(p -> new StoredLogin<>(p, p.passwordHash()));
    }

    /** Who a username/password logs in as, if the credentials are valid. bcrypt: call it off the event loop. */
    public static Optional<Principal> login(Registry registry, String username, String password) {
        return stored(registry, username).flatMap(s -> s.check(password));
    }
}
