package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.ingest.tls.CertificateLogin;
import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The login step of a CONNECT. A client certificate (TLS with a client CA) logs in as the login that names it
 * ({@link CertificateLogin}: may be refused, revoked or shown with another username); else
 * username and password: a device secret's hash is checked right here on the event loop (microseconds), a bcrypt
 * hash (~70 ms of CPU) in the {@link SlowLogins} lane, which may refuse it as busy. An unknown username is refused
 * at once.
 */
final class ConnectLogin {

    private final Supplier<Registry> registry;
    private final SlowLogins slowLogins;
    private final CertificateLogin certificates;

    ConnectLogin(Supplier<Registry> registry, SlowLogins slowLogins, CertificateLogin certificates) {
        this.registry = registry;
        this.slowLogins = slowLogins;
        this.certificates = certificates;
    }

    /**
     * The principal, empty for bad credentials; fails with {@link SlowLogins.Busy} when the slow lane is full, with
     * {@link CertificateLogin.Refused} for a revoked certificate or one shown with another login's username.
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
        Optional<StoredLogin<Principal>> stored = RegistryLogins.stored(current, auth.getUsername());
        if (stored.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        StoredLogin<Principal> login = stored.get();
        String password = auth.getPassword();
        if (login.cheap()) {
            return Future.succeededFuture(login.check(password));
        }
        attempt.slowLogin = true;
        return slowLogins.run(() -> login.check(password));
    }
}
