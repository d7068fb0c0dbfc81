package io.hazardwatch.alerts.web;

import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.notify.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The board's logins (cookie sessions). The cookie is signed ({@link SessionCookie}), so a session survives a restart:
 * a valid cookie the service has no memory of, before its deadline, whose user the users file still has with the
 * same password and role, is admitted again (with the same CSRF token). A session ends at logout, after {@code idle}
 * without a request (the cookie is re-issued with a fresh deadline of {@code idle} at most once a minute, so its
 * deadline follows the requests), or when its user's entry in the users file changes. Logged-out ids are kept until
 * their cookies' deadline; after a restart a logged-out cookie is admitted again until its deadline ({@code idle} at
 * most). At most {@code max} sessions (and as many logged-out ids) are kept; the one idle longest makes room (its
 * cookie then re-admits it).
 */
public final class Sessions {

    /** One logged-in browser: who, its signed cookie, and the token its page must send with every change (CSRF). */
    public static final class Session {
        private final String id;
        private final User user;
        private final String fingerprint;
        private final String csrfToken;
        private volatile Instant lastSeen;
        private volatile Instant deadline;
        private volatile String cookie;

        private Session(String id, User user, String fingerprint, String csrfToken, Instant lastSeen) {
            this.id = id;
            this.user = user;
            this.fingerprint = fingerprint;
            this.csrfToken = csrfToken;
            this.lastSeen = lastSeen;
        }

        public String id() {
            return id;
        }

        public User user() {
            return user;
        }

        public String csrfToken() {
            return csrfToken;
        }

        /** The cookie's current value; a request that sent another (older) one is given this one. */
        public String cookie() {
            return cookie;
        }

        /** Whether {@code token} (a request's header) is this session's CSRF token; compared in constant time. */
        public boolean csrfMatches(String token) {
            return SessionCookie.same(token, csrfToken);
        }
    }

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX = 10_000;
    /** A cookie older than this is re-issued with a fresh deadline on the next request. */
    static final Duration RENEW_AFTER = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    /** Logged-out ids and until when a cookie of theirs could come back; oldest first. */
    private final Map<String, Instant> ended = new LinkedHashMap<>();
    private final SessionCookie cookies;
    private final Duration idle;
    private final int max;
    private final Clock clock;

    public Sessions(Secret secret, Duration idle, int max, Clock clock) {
        this.cookies = new SessionCookie(secret.reveal().getBytes(StandardCharsets.UTF_8));
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    /** The service's sessions; without a configured secret a random one, said in one log line. */
    public static Sessions start(Secret secret, String secretKey, Duration idle, Clock clock) {
        if (secret == null) {
            LoggerFactory.getLogger(Sessions.class).warn("{} not set: board logins are signed with a random secret and"
                    + " end when the service restarts (the board's public address is loopback)", secretKey);
            secret = io.hazardwatch.alerts.config.SigningSecrets.random();
        }
        return new Sessions(secret, idle, DEFAULT_MAX, clock);
    }

    public Duration idle() {
        return idle;
    }

    /** A new session for a user who just gave their password, with a fresh random id. */
    public Session open(StoredLogin<User> login) {
        String id = token();
        return keep(new Session(id, login.principal(), cookies.fingerprint(login), cookies.csrf(id), clock.instant()));
    }

    /**
     * The live session of a cookie, now marked as used: one kept in memory, or one a restart forgot, re-admitted if
     * its deadline has not passed and {@code users} still has its user unchanged. Empty for a forged, ended or idle
     * cookie.
     */
    public Optional<Session> admit(String cookie, Function<String, Optional<StoredLogin<User>>> users) {
        Optional<SessionCookie.Claims> claims = cookies.verify(cookie);
        if (claims.isEmpty() || isEnded(claims.get().id())) {
            return Optional.empty();
        }
        Optional<Session> known = touch(claims.get().id());
        // an idle session touch() just ended is not re-admitted: its cookie's deadline (issued at a request, idle
        // ahead) has passed too
        return known.isPresent() ? known.map(this::renewed) : readmit(claims.get(), users);
    }

    /** The live session of {@code id} kept in memory, now marked as used; an idle one is ended instead. */
    public Optional<Session> touch(String id) {
        Session session = id == null ? null : byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!session.lastSeen.plus(idle).isAfter(now)) {
            byId.remove(id, session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    /** Logout: the cookie's session ends, and the cookie is refused even if it comes back before its deadline. */
    public void close(String cookie) {
        cookies.verify(cookie).ifPresent(claims -> {
            byId.remove(claims.id());
            synchronized (ended) {
                Instant now = clock.instant();
                ended.values().removeIf(until -> !until.isAfter(now));
                if (ended.size() >= max) {
                    ended.remove(ended.keySet().iterator().next());
                }
                ended.put(claims.id(), now.plus(idle));
            }
        });
    }

    /** The users file changed: sessions whose user was removed or changed (password, role, scope) end. */
    public void revalidate(Function<String, Optional<StoredLogin<User>>> users) {
        byId.values().removeIf(s -> !users.apply(s.user.username())
                .map(login -> SessionCookie.same(cookies.fingerprint(login), s.fingerprint)).orElse(false));
    }

    public int size() {
        return byId.size();
    }

    private Optional<Session> readmit(SessionCookie.Claims claims,
                                      Function<String, Optional<StoredLogin<User>>> users) {
        Instant now = clock.instant();
        if (claims.deadline() <= now.getEpochSecond()) {
            return Optional.empty();
        }
        Optional<StoredLogin<User>> login = users.apply(claims.username());
        if (login.isEmpty() || !SessionCookie.same(cookies.fingerprint(login.get()), claims.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(keep(new Session(claims.id(), login.get().principal(), claims.fingerprint(),
                cookies.csrf(claims.id()), now)));
    }

    private Session keep(Session session) {
        if (byId.size() >= max) {
            Instant now = clock.instant();
            byId.values().removeIf(s -> !s.lastSeen.plus(idle).isAfter(now));
            if (byId.size() >= max) {
                byId.values().stream().min(Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> byId.remove(s.id));
            }
        }
        byId.put(session.id, session);
        return renewed(session);
    }

    /** The session, its cookie re-issued with a deadline {@code idle} from now unless issued less than a minute ago. */
    private Session renewed(Session session) {
        Instant now = clock.instant();
        Instant deadline = session.deadline;
        if (deadline == null || deadline.minus(idle).plus(RENEW_AFTER).isBefore(now)) {
            Instant fresh = now.plus(idle);
            session.deadline = fresh;
            session.cookie = cookies.sign(new SessionCookie.Claims(session.user.username(), session.id,
                    fresh.getEpochSecond(), session.fingerprint));
        }
        return session;
    }

    private boolean isEnded(String id) {
        synchronized (ended) {
            Instant until = ended.get(id);
            return until != null && until.isAfter(clock.instant());
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
