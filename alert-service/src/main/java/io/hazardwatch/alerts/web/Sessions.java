package io.hazardwatch.alerts.web;

import io.hazardwatch.alerts.auth.User;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The board's logins (cookie sessions), kept in memory only: a restart logs everyone out. A session ends at logout,
 * after {@code idle} without a request, or when the users file changes. At most {@code max} sessions are kept; the
 * one idle longest makes room for a new one.
 */
public final class Sessions {

    /** One logged-in browser: who, and the token its page must send with every change (CSRF). */
    public static final class Session {
        private final String id;
        private final User user;
        private final String csrfToken;
        private volatile Instant lastSeen;

        private Session(String id, User user, String csrfToken, Instant lastSeen) {
            this.id = id;
            this.user = user;
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

        /** Whether {@code token} (a request's header) is this session's CSRF token; compared in constant time. */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    csrfToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final int max;
    private final Clock clock;

    public Sessions(Duration idle, int max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    public Duration idle() {
        return idle;
    }

    /** A new session for {@code user}, with fresh random id and CSRF token. */
    public Session open(User user) {
        Instant now = clock.instant();
        if (byId.size() >= max) {
            byId.values().removeIf(s -> expired(s, now));
            if (byId.size() >= max) {
                byId.values().stream().min(Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> byId.remove(s.id));
            }
        }
        Session session = new Session(token(), user, token(), now);
        byId.put(session.id, session);
        return session;
    }

    /** The live session of {@code id}, now marked as used; an idle one is ended instead. */
    public Optional<Session> touch(String id) {
        Session session = id == null ? null : byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            byId.remove(id, session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session (the users file changed: a removed user or a new password must not stay logged in). */
    public void closeAll() {
        byId.clear();
    }

    public int size() {
        return byId.size();
    }

    private boolean expired(Session session, Instant now) {
        return !session.lastSeen.plus(idle).isAfter(now);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
