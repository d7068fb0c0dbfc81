package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.logins.StoredLogin;
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
 * hash (~70 ms of CPU) in the {@link SlowLogins} lane, which may refuse it as busy. An unknown username is refused
 * at once.
 */
final class ConnectLogin {

    private final Supplier<Registry> registry;
    private final SlowLogins slowLogins;

    ConnectLogin(Supplier<Registry> registry, SlowLogins slowLogins) {
        this.registry = registry;
        this.slowLogins = slowLogins;
    }

    /** The principal, empty for bad credentials; fails with {@link SlowLogins.Busy} when the slow lane is full. */
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
