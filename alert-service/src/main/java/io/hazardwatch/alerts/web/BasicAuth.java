package io.hazardwatch.alerts.web;

import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.auth.Users;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.logins.VerifiedLogins;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication against the users file; the user is put in the routing context under
 * {@value #USER}. A missing or wrong login is a JSON 401 with a {@code WWW-Authenticate} challenge (so a
 * browser asks, and then sends the login with the page's stream and API calls too).
 *
 * <p>bcrypt is slow on purpose, so it runs off the event loop, and a successful login is remembered for a
 * few minutes ({@link VerifiedLogins}: by a SHA-256 of username and password, never the password itself).
 */
public final class BasicAuth implements Handler<RoutingContext> {

    static final String USER = "user";
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuth.class);
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int REMEMBER_MAX = 1000;

    private final Vertx vertx;
    private volatile Users users;
    private final VerifiedLogins<User> verified = VerifiedLogins.rememberedFor(REMEMBER_FOR, REMEMBER_MAX);

    public BasicAuth(Vertx vertx, Users users) {
        this.vertx = vertx;
        this.users = users;
    }

    /** From now on logs in against {@code reloaded} (the users file changed); logins remembered so far are forgotten. */
    public void use(Users reloaded) {
        this.users = reloaded;
        verified.forget();
    }

    public static User user(RoutingContext ctx) {
        return ctx.get(USER);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String[] login = parse(header);
        if (login == null) {
            refuse(ctx, header == null ? "login required (HTTP Basic)" : "malformed Authorization header");
            return;
        }
        Optional<User> remembered = verified.remembered(login[0], login[1]);
        if (remembered.isPresent()) {
            ctx.put(USER, remembered.get());
            ctx.next();
            return;
        }
        Optional<StoredLogin<User>> stored = users.stored(login[0]);
        vertx.executeBlocking(() -> verified.verify(login[0], login[1], stored), false).onComplete(result -> {
            Optional<User> user = result.succeeded() ? result.result() : Optional.empty();
            if (user.isEmpty()) {
                LOG.warn("refused login for user '{}' from {}", login[0], ctx.request().remoteAddress());
                refuse(ctx, "wrong username or password");
                return;
            }
            ctx.put(USER, user.get());
            ctx.next();
        });
    }

    private static void refuse(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"HazardWatch\", charset=\"UTF-8\"");
        Responses.error(ctx.response(), 401, "unauthorized", message);
    }

    private static String[] parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
