package io.hazardwatch.ingest.http;

import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.logins.VerifiedLogins;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP logins: {@code Authorization: Bearer <username>:<password>}, the same credentials as MQTT. A device secret's
 * hash is checked on the event loop (microseconds). bcrypt takes milliseconds by design: it runs in the
 * {@link SlowLogins} lane (which may refuse it as busy), and a verified token is remembered ({@link VerifiedLogins})
 * until the registry reloads or {@link #MAX_CACHED} tokens are remembered.
 */
public final class BearerAuth {

    static final int MAX_CACHED = 10_000;

    private final Supplier<Registry> registry;
    private final SlowLogins slowLogins;
    private final VerifiedLogins<Principal> verified = VerifiedLogins.untilForgotten(MAX_CACHED);

    public BearerAuth(Supplier<Registry> registry, SlowLogins slowLogins) {
        this.registry = registry;
        this.slowLogins = slowLogins;
    }

    /**
     * The principal of an Authorization header value, or empty when it is missing or wrong; fails with
     * {@link SlowLogins.Busy} when a bcrypt login cannot be checked now.
     */
    public Future<Optional<Principal>> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.succeededFuture(Optional.empty());
        }
        String token = authorization.substring(7).trim();
        int colon = token.indexOf(':');
        if (colon <= 0) {
            return Future.succeededFuture(Optional.empty());
        }
        String username = token.substring(0, colon);
        String password = token.substring(colon + 1);
        Optional<StoredLogin<Principal>> stored = RegistryLogins.stored(registry.get(), username);
        if (stored.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        if (stored.get().cheap()) {
            return Future.succeededFuture(stored.get().check(password));
        }
        Optional<Principal> remembered = verified.remembered(username, password);
        if (remembered.isPresent()) {
            return Future.succeededFuture(remembered);
        }
        return slowLogins.run(() -> verified.verify(username, password, stored));
    }

    /** Forget every verified token (the registry changed: a credential may have been revoked). */
    public void forget() {
        verified.forget();
    }
}
