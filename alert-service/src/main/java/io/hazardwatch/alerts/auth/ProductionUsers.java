package io.hazardwatch.alerts.auth;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.logins.DemoLogins;
import java.nio.file.Path;

/**
 * The users file as production mode accepts it: on an {@code alert.http.host} other machines reach, no user may
 * keep a hash of the demo's {@code deploy/config/users.yaml} (their passwords are published). Used at start-up (the
 * service does not start) and for each reload (the previous users stay).
 */
public final class ProductionUsers {

    private ProductionUsers() {
    }

    public static Users load(AlertServiceConfig config, Path file) {
        Users users = Users.load(file, AlertServiceConfig.USERS_FILE);
        DemoLogins.refuseOnReachableAddress(AlertServiceConfig.HTTP_HOST, config.httpHost(),
                AlertServiceConfig.USERS_FILE, users.passwordHashes(),
                "give each a new bcrypt hash (bin/hw passwords <password>) in " + file);
        return users;
    }
}
