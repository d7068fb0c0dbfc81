package io.hazardwatch.alerts.web;

import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.auth.Users;
import io.hazardwatch.logins.LoginThrottle;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.logins.VerifiedLogins;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login of every request but the few public ones, against the users file: HTTP Basic (scripts), else the
 * board's session cookie ({@link SessionLogin}), whose changes must also carry the session's CSRF token in
 * {@value #CSRF_HEADER}. The user is put in the routing context under {@value #USER}. A missing or wrong login is a
 * JSON 401; a script is challenged ({@code WWW-Authenticate}), a browser's page is sent to the login page instead.
 *
 * <p>A request's body is not read before its login is known: while bcrypt runs the request is paused, and the body
 * handler after this one resumes it.
 *
 * <p>bcrypt is slow on purpose, so it runs off the event loop, and a successful login is remembered for a
 * few minutes ({@link VerifiedLogins}: by a SHA-256 of username and password, never the password itself). An unknown
 * username costs the same bcrypt run ({@link Users#checkUnknown}). Password guessing is throttled per username and
 * source address ({@link LoginThrottle}): while throttled a login (Basic or {@code POST /login}) is refused unchecked
 * with 429 and {@code Retry-After}, whether its password is right or not.
 */
public final class BasicAuth implements Handler<RoutingContext> {

    static final String USER = "user";
    static final String SESSION = "session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String STREAM = "/api/alarms/stream";
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuth.class);
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int REMEMBER_MAX = 1000;

    private final Vertx vertx;
    private volatile Users users;
    private final VerifiedLogins<User> verified = VerifiedLogins.rememberedFor(REMEMBER_FOR, REMEMBER_MAX);
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public BasicAuth(Vertx vertx, Users users, Sessions sessions, LoginThrottle throttle) {
        this.vertx = vertx;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /**
     * From now on logs in against {@code reloaded} (the users file changed); logins remembered so far are forgotten
     * and the board's sessions of a removed or changed user ended (a removed user or a changed password must not
     * stay logged in).
     */
    public void use(Users reloaded) {
        this.users = reloaded;
        verified.forget();
        sessions.revalidate(reloaded::stored);
    }

    Sessions sessions() {
        return sessions;
    }

    Users users() {
        return users;
    }

    /**
     * The user of {@code username} if {@code password} is theirs; bcrypt runs off the event loop. Fails with
     * {@link LoginThrottle.Throttled}, unchecked, while the username or the source {@code address} is throttled.
     */
    Future<Optional<User>> check(String username, String password, String address) {
        long wait = throttle.throttledFor(username, address);
        if (wait > 0) { // before the remembered logins: a throttled guess must not tell a right password
            return Future.failedFuture(new LoginThrottle.Throttled(wait));
        }
        Optional<User> remembered = verified.remembered(username, password);
        if (remembered.isPresent()) {
            return Future.succeededFuture(remembered);
        }
        Users current = users;
        Optional<StoredLogin<User>> stored = current.stored(username);
        return vertx.executeBlocking(throttle.guard(username, address, () -> stored.isPresent()
                ? verified.verify(username, password, stored) : current.<User>checkUnknown(password)), false);
    }

    static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    /** 429 with {@code Retry-After}; LoginThrottle logs when throttling starts, not a line per refused guess. */
    static void throttled(RoutingContext ctx, LoginThrottle.Throttled throttled) {
        ctx.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        Responses.error(ctx.response(), 429, "login_throttled",
                "too many failed logins: try again in " + throttled.retryAfterSeconds() + " s");
    }

    public static User user(RoutingContext ctx) {
        return ctx.get(USER);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            bySession(ctx);
            return;
        }
        String[] login = parse(header);
        if (login == null) {
            refuse(ctx, "malformed Authorization header");
            return;
        }
        String address = address(ctx);
        long wait = throttle.throttledFor(login[0], address);
        Optional<User> remembered = wait > 0 ? Optional.empty() : verified.remembered(login[0], login[1]);
        if (remembered.isPresent()) {
            ctx.put(USER, remembered.get());
            ctx.next();
            return;
        }
        ctx.request().pause(); // the body waits for the login (the body handler resumes it)
        check(login[0], login[1], address).onComplete(result -> {
            Optional<User> user = result.succeeded() ? result.result() : Optional.empty();
            if (result.failed() && result.cause() instanceof LoginThrottle.Throttled t) {
                throttled(ctx, t);
                ctx.request().resume();
                return;
            }
            if (user.isEmpty()) {
                LOG.warn("refused login for user '{}' from {}", login[0], ctx.request().remoteAddress());
                refuse(ctx, "wrong username or password");
                ctx.request().resume(); // what is left of the body is dropped
                return;
            }
            ctx.put(USER, user.get());
            if (!ctx.request().path().startsWith("/api/")) {
                ctx.request().resume(); // no body handler after this one
            }
            ctx.next();
        });
    }

    /** The board's cookie: a live session, and for a change its CSRF token too. */
    private void bySession(RoutingContext ctx) {
        Optional<Sessions.Session> session = SessionLogin.sessionOf(ctx, sessions, users);
        if (session.isEmpty()) {
            refuse(ctx, "login required (the board's login page, or HTTP Basic)");
            return;
        }
        SessionLogin.renewCookie(ctx, session.get());
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS
                && !session.get().csrfMatches(ctx.request().getHeader(CSRF_HEADER))) {
            Responses.error(ctx.response(), 403, "csrf",
                    "a change made with the board's login must carry its " + CSRF_HEADER + " header");
            return;
        }
        ctx.put(USER, session.get().user());
        ctx.put(SESSION, session.get());
        if (STREAM.equals(ctx.request().path())) {
            keepWhileWatching(ctx, session.get());
        }
        ctx.next();
    }

    /**
     * A board that only watches its alarm stream is not idle: the session lives while the stream is open (a duty-room
     * screen is never logged out under the officers' eyes); a logout (or the users file changing) ends the stream.
     */
    private void keepWhileWatching(RoutingContext ctx, Sessions.Session session) {
        long every = Math.max(1_000, Math.min(sessions.idle().toMillis() / 3, 60_000));
        vertx.setPeriodic(every, timer -> {
            if (ctx.response().closed() || ctx.response().ended()) {
                vertx.cancelTimer(timer);
            } else if (sessions.touch(session.id()).isEmpty()) {
                vertx.cancelTimer(timer);
                ctx.request().connection().close();
            }
        });
    }

    /** A browser opening a page goes to the login page; a browser's script gets no challenge (no password dialog). */
    private static void refuse(RoutingContext ctx, String message) {
        boolean browser = ctx.request().getHeader("Sec-Fetch-Mode") != null;
        if (browser && "navigate".equals(ctx.request().getHeader("Sec-Fetch-Mode"))
                && ctx.request().method() == HttpMethod.GET && !ctx.request().path().startsWith("/api/")) {
            ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, SessionLogin.PAGE).end();
            return;
        }
        if (!browser) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"HazardWatch\", charset=\"UTF-8\"");
        }
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
