package io.hazardwatch.ingest.http;

import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.logins.VerifiedLogins;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP logins: {@code Authorization: Bearer <username>:<password>}, the same credentials as MQTT. bcrypt
 * takes milliseconds by design, so a verified token is remembered ({@link VerifiedLogins}) until the registry
 * reloads or {@link #MAX_CACHED} tokens are remembered.
 */
public final class BearerAuth {

    static final int MAX_CACHED = 10_000;

    private final Vertx vertx;
    private final Supplier<Registry> registry;
    private final VerifiedLogins<Principal> verified = VerifiedLogins.untilForgotten(MAX_CACHED);

    public BearerAuth(Vertx vertx, Supplier<Registry> registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    /** The principal of an Authorization header value, or empty when it is missing or wrong. */
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
        Optional<Principal> remembered = verified.remembered(username, password);
        if (remembered.isPresent()) {
            return Future.succeededFuture(remembered);
        }
        Optional<StoredLogin<Principal>> stored = RegistryLogins.stored(registry.get(), username);
        return vertx.executeBlocking(() -> verified.verify(username, password, stored), false);
    }

    /** Forget every verified token (the registry changed: a credential may have been revoked). */
    public void forget() {
        verified.forget();
    }
}
