package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.guard.Guards;
import io.hazardwatch.ingest.guard.LoginCandidates;
import io.hazardwatch.ingest.guard.LoginThrottle;
import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The login step of a CONNECT. A client certificate (TLS with a client CA) names the login by its subject CN; else
 * username and password: a device secret's hash is checked right here on the event loop (microseconds), a bcrypt
 * hash (~70 ms of CPU) in the {@link SlowLogins} lane, which may refuse it as busy. An unknown username is checked
 * against a stand-in of the same kind ({@link LoginCandidates}), so it takes as long as a known one. A username or
 * source address throttled after repeated failures ({@link LoginThrottle}) is refused before any check.
 */
final class ConnectLogin {

    private final Supplier<Registry> registry;
    private final SlowLogins slowLogins;
    private final LoginThrottle throttle;
    private final LoginCandidates candidates;

    ConnectLogin(Supplier<Registry> registry, SlowLogins slowLogins, Guards guards) {
        this.registry = registry;
        this.slowLogins = slowLogins;
        this.throttle = guards.throttle();
        this.candidates = guards.candidates();
    }

    /**
     * The principal, empty for bad credentials; fails with {@link SlowLogins.Busy} when the slow lane is full, with
     * {@link LoginThrottle.Throttled} when the username or the source address is throttled.
     */
    Future<Optional<Principal>> authenticate(MqttEndpoint endpoint, ConnectAttempt attempt) {
        Registry current = registry.get();
        String certificateName = certificateName(endpoint);
        MqttAuth auth = endpoint.auth();
        if (certificateName != null) {
            if (auth != null && auth.getUsername() != null && !auth.getUsername().equals(certificateName)) {
                return Future.succeededFuture(Optional.empty());
            }
            return Future.succeededFuture(current.principal(certificateName));
        }
        if (auth == null || auth.getUsername() == null || auth.getPassword() == null) {
            return Future.succeededFuture(Optional.empty());
        }
        String username = auth.getUsername();
        String address = endpoint.remoteAddress() == null ? "unknown" : endpoint.remoteAddress().hostAddress();
        long throttled = throttle.throttledFor(username, address);
        if (throttled > 0) {
            return Future.failedFuture(new LoginThrottle.Throttled(throttled));
        }
        LoginCandidates.Candidate login = candidates.find(current, username);
        String password = auth.getPassword();
        Future<Optional<Principal>> checked;
        if (login.cheap()) {
            checked = Future.succeededFuture(login.check(password));
        } else {
            attempt.slowLogin = true;
            checked = slowLogins.run(() -> login.check(password));
        }
        return checked.andThen(ar -> {
            if (ar.succeeded() && ar.result().isPresent()) {
                throttle.succeeded(username, address);
            } else if (ar.succeeded()) {
                throttle.failed(username, address);
            }
        });
    }

    private static String certificateName(MqttEndpoint endpoint) {
        if (!endpoint.isSsl()) {
            return null;
        }
        try {
            SSLSession ssl = endpoint.sslSession();
            Certificate[] chain = ssl == null ? null : ssl.getPeerCertificates();
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
                return null;
            }
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate: password login
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
