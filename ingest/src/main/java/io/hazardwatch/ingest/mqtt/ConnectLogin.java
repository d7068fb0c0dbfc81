package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.guard.Guards;
import io.hazardwatch.ingest.guard.LoginCandidates;
import io.hazardwatch.logins.LoginThrottle;
import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.ingest.tls.CertificateLogin;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The login step of a CONNECT. A client certificate (TLS with a client CA) logs in as the login that names it
 * ({@link CertificateLogin}: may be refused, revoked or shown with another username); else
 * username and password: a device secret's hash is checked right here on the event loop (microseconds), a bcrypt
 * hash (~70 ms of CPU) in the {@link SlowLogins} lane, which may refuse it as busy. An unknown username is checked
 * against a stand-in of the same kind ({@link LoginCandidates}), so it takes as long as a known one. A username or
 * source address throttled after repeated failures ({@link LoginThrottle}) is refused before any check.
 */
final class ConnectLogin {

    private final Supplier<Registry> registry;
    private final SlowLogins slowLogins;
    private final CertificateLogin certificates;
    private final LoginThrottle throttle;
    private final LoginCandidates candidates;

    ConnectLogin(Supplier<Registry> registry, SlowLogins slowLogins, Guards guards, CertificateLogin certificates) {
        this.registry = registry;
        this.slowLogins = slowLogins;
        this.certificates = certificates;
        this.throttle = guards.throttle();
        this.candidates = guards.candidates();
    }

    /**
     * The principal, empty for bad credentials; fails with {@link SlowLogins.Busy} when the slow lane is full, with
     * {@link CertificateLogin.Refused} for a revoked certificate or one shown with another login's username, with
     * {@link LoginThrottle.Throttled} when the username or the source address is throttled.
     */
    Future<Optional<Principal>> authenticate(MqttEndpoint endpoint, ConnectAttempt attempt) {
        Registry current = registry.get();
        MqttAuth auth = endpoint.auth();
        Optional<Future<Optional<Principal>>> byCertificate = endpoint.isSsl() ? certificates.decide(
                endpoint.sslSession(), auth == null ? null : auth.getUsername(), current) : Optional.empty();
        if (byCertificate.isPresent()) {
            return byCertificate.get();
        }
        if (auth == null || auth.getUsername() == null || auth.getPassword() == null) {
            return Future.succeededFuture(Optional.empty());
        }
        String username = auth.getUsername();
        String address = endpoint.remoteAddress() == null ? "unknown" : endpoint.remoteAddress().hostAddress();
        long throttled = throttle.throttledFor(username, address);
        if (throttled > 0) {
            // refused before it takes a place in the slow lane
            return Future.failedFuture(new LoginThrottle.Throttled(throttled));
        }
        LoginCandidates.Candidate login = candidates.find(current, username);
        String password = auth.getPassword();
        Callable<Optional<Principal>> guarded = throttle.guard(username, address, () -> login.check(password));
        if (login.cheap()) {
            return SlowLogins.runHere(guarded);
        }
        attempt.slowLogin = true;
        return slowLogins.run(guarded);
    }
}
