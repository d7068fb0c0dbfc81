package io.hazardwatch.ingest.http;

import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * HTTP logins: {@code Authorization: Bearer <username>:<password>}, the same credentials as MQTT. bcrypt
 * takes milliseconds by design, so a verified token is remembered (by its SHA-256, never in clear) until the
 * registry reloads or {@link #MAX_CACHED} tokens are cached.
 */
public final class BearerAuth {

    static final int MAX_CACHED = 10_000;

    private final Vertx vertx;
    private final Supplier<Registry> registry;
    private final ConcurrentMap<String, Principal> verified = new ConcurrentHashMap<>();

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
        String key = sha256(token);
        Principal cached = verified.get(key);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        Registry current = registry.get();
        return vertx.executeBlocking(() -> current.login(token.substring(0, colon), token.substring(colon + 1)), false)
                .onSuccess(p -> p.ifPresent(principal -> {
                    if (verified.size() >= MAX_CACHED) {
                        verified.clear();
                    }
                    verified.put(key, principal);
                }));
    }

    /** Forget every verified token (the registry changed: a credential may have been revoked). */
    public void forget() {
        verified.clear();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
