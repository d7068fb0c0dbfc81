package io.hazardwatch.ingest.http;

import io.hazardwatch.ingest.guard.Guards;
import io.hazardwatch.ingest.guard.LoginCandidates;
import io.hazardwatch.logins.LoginThrottle;
import io.hazardwatch.ingest.limits.SlowLogins;
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
 * until the registry reloads or {@link #MAX_CACHED} tokens are remembered. A token not remembered is refused unchecked
 * while its username or source address is throttled ({@link LoginThrottle}); an unknown username is checked against
 * a stand-in of the same kind ({@link LoginCandidates}), so it takes as long as a known one.
 */
public final class BearerAuth {

    static final int MAX_CACHED = 10_000;

    private final Supplier<Registry> registry;
    private final SlowLogins slowLogins;
    private final LoginThrottle throttle;
    private final LoginCandidates candidates;
    private final VerifiedLogins<Principal> verified = VerifiedLogins.untilForgotten(MAX_CACHED);

    public BearerAuth(Supplier<Registry> registry, SlowLogins slowLogins, Guards guards) {
        this.registry = registry;
        this.slowLogins = slowLogins;
        this.throttle = guards.throttle();
        this.candidates = guards.candidates();
    }

    /**
     * The principal of an Authorization header value, or empty when it is missing or wrong; fails with
     * {@link SlowLogins.Busy} when a bcrypt login cannot be checked now, with {@link LoginThrottle.Throttled} when the
     * username or the source {@code address} is throttled.
     */
    public Future<Optional<Principal>> authenticate(String authorization, String address) {
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
        long throttled = throttle.throttledFor(username, address);
        if (throttled > 0) {
            // refused before it takes a place in the slow lane
            return Future.failedFuture(new LoginThrottle.Throttled(throttled));
        }
        LoginCandidates.Candidate login = candidates.find(registry.get(), username);
        if (login.cheap()) {
            return SlowLogins.runHere(throttle.guard(username, address, () -> login.check(password)));
        }
        return slowLogins.run(throttle.guard(username, address, () -> login.known()
                ? verified.verify(username, password, login.stored()) : login.check(password)));
    }

    /** Forget every verified token (the registry changed: a credential may have been revoked). */
    public void forget() {
        verified.forget();
    }
}
