package io.hazardwatch.alerts.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.auth.Users;
import io.hazardwatch.logins.LoginThrottle;
import io.hazardwatch.logins.StoredLogin;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's login: {@code POST /login} checks a username and password as {@link BasicAuth} does and sets the
 * session cookie {@value #COOKIE} (HttpOnly, SameSite=Strict, Secure over TLS); {@code POST /logout} ends it. The
 * answer (and {@code GET /api/me}) carries the session's CSRF token, which the page sends with every change.
 */
public final class SessionLogin {

    public static final String COOKIE = "hw_session";
    public static final String PAGE = "/login.html";
    private static final int BODY_LIMIT = 4 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SessionLogin.class);

    /** Who is logged in, and for a session its CSRF token (null for HTTP Basic). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(String username, Role role, List<String> gridCells, String enterprise, String csrfToken) {
    }

    private final BasicAuth auth;

    public SessionLogin(BasicAuth auth) {
        this.auth = auth;
    }

    /** Mounted ahead of the login check: these are how one logs in and out. */
    public void routes(Router router) {
        router.post("/login").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::login);
        router.post("/logout").handler(this::logout);
    }

    /** The logged-in user of a request that passed {@link BasicAuth}, with the CSRF token of its session if any. */
    public static Me me(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Sessions.Session session = ctx.get(BasicAuth.SESSION);
        return new Me(user.username(), user.role(), user.gridCells(), user.enterprise(),
                session == null ? null : session.csrfToken());
    }

    /** The live session of the request's cookie: kept in memory, or re-admitted after a restart. */
    static Optional<Sessions.Session> sessionOf(RoutingContext ctx, Sessions sessions, Users users) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null ? Optional.empty() : sessions.admit(cookie.getValue(), users::stored);
    }

    /** The session's cookie, if the request sent an older one (a fresh deadline, or re-admitted after a restart). */
    static void renewCookie(RoutingContext ctx, Sessions.Session session) {
        Cookie sent = ctx.request().getCookie(COOKIE);
        if (sent == null || !session.cookie().equals(sent.getValue())) {
            ctx.response().addCookie(cookie(ctx, session.cookie()));
        }
    }

    /** Read the form → check the password → open a session → set its cookie. */
    private void login(RoutingContext ctx) {
        String username;
        String password;
        try {
            JsonObject body = ctx.body().asJsonObject();
            username = body == null ? null : body.getString("username");
            password = body == null ? null : body.getString("password");
        } catch (DecodeException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", "body must be a JSON object {username, password}");
            return;
        }
        if (username == null || password == null || username.isBlank()) {
            Responses.error(ctx.response(), 400, "bad_request", "username and password are required");
            return;
        }
        auth.check(username, password, BasicAuth.address(ctx)).onComplete(result -> {
            if (result.failed() && result.cause() instanceof LoginThrottle.Throttled throttled) {
                BasicAuth.throttled(ctx, throttled);
                return;
            }
            Optional<StoredLogin<User>> stored = result.succeeded() && result.result().isPresent()
                    ? auth.users().stored(username) : Optional.empty();
            if (stored.isEmpty()) {
                LOG.warn("refused board login for user '{}' from {}", clip(username), ctx.request().remoteAddress());
                Responses.error(ctx.response(), 401, "unauthorized", "wrong username or password");
                return;
            }
            Sessions.Session session = auth.sessions().open(stored.get());
            ctx.response().addCookie(cookie(ctx, session.cookie()));
            ctx.put(BasicAuth.USER, session.user());
            ctx.put(BasicAuth.SESSION, session);
            Responses.json(ctx.response(), 200, me(ctx));
        });
    }

    private void logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null) {
            auth.sessions().close(cookie.getValue());
        }
        ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
        ctx.response().setStatusCode(204).end();
    }

    private static Cookie cookie(RoutingContext ctx, String value) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(ctx.request().isSSL());
    }

    private static String clip(String username) {
        return username.length() <= 64 ? username : username.substring(0, 64) + "…";
    }
}
