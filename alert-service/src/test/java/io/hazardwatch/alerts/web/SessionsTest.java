package io.hazardwatch.alerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.logins.StoredLogin;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final Secret SECRET = Secret.of("s".repeat(40));
    private static final User DUTY = new User("duty", Role.DUTY_OFFICER, List.of(), null);
    private static final StoredLogin<User> DUTY_LOGIN = new StoredLogin<>(DUTY, "$2a$04$dutyhash");
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final Map<String, StoredLogin<User>> usersFile = new HashMap<>(Map.of("duty", DUTY_LOGIN));
    private final Function<String, Optional<StoredLogin<User>>> users =
            name -> Optional.ofNullable(usersFile.get(name));

    private Sessions sessions(int max) {
        return new Sessions(SECRET, Duration.ofMinutes(30), max, clock);
    }

    @Test
    void aSessionEndsAfterItsIdleTimeWithoutARequestAndEachRequestKeepsItAlive() {
        Sessions sessions = sessions(10);
        Sessions.Session session = sessions.open(DUTY_LOGIN);

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.admit(session.cookie(), users)).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.admit(session.cookie(), users)).as("29 minutes after the last request").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.admit(session.cookie(), users)).as("30 minutes idle").isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void eachSessionHasItsOwnRandomIdAndCsrfTokenComparedExactly() {
        Sessions sessions = sessions(10);
        Sessions.Session a = sessions.open(DUTY_LOGIN);
        Sessions.Session b = sessions.open(DUTY_LOGIN);

        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken()).hasSize(43);
        assertThat(a.cookie()).doesNotContain(a.csrfToken()).doesNotContain("dutyhash");
        assertThat(a.csrfMatches(a.csrfToken())).isTrue();
        assertThat(a.csrfMatches(b.csrfToken())).isFalse();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(sessions.admit("guessed", users)).isEmpty();
    }

    @Test
    void aValidCookieOfARestartedServiceIsAdmittedWithTheSameUserAndCsrfToken() {
        Sessions.Session before = sessions(10).open(DUTY_LOGIN);
        clock.advance(Duration.ofMinutes(10));

        Sessions restarted = sessions(10);
        Optional<Sessions.Session> after = restarted.admit(before.cookie(), users);

        assertThat(after).isPresent();
        assertThat(after.get().id()).isEqualTo(before.id());
        assertThat(after.get().user()).isEqualTo(DUTY);
        assertThat(after.get().csrfToken()).isEqualTo(before.csrfToken());
        assertThat(after.get().cookie()).as("re-issued with a fresh deadline").isNotEqualTo(before.cookie());
        assertThat(restarted.size()).isEqualTo(1);
    }

    @Test
    void aTamperedCookieOrOneSignedWithAnotherSecretIsRefused() {
        Sessions.Session session = sessions(10).open(DUTY_LOGIN);
        String[] parts = session.cookie().split("\\.");
        String asAdmin = String.join(".", parts[0], "YWRtaW4", parts[2], parts[3], parts[4], parts[5]);
        String later = String.join(".", parts[0], parts[1], parts[2], Long.toString(Long.parseLong(parts[3]) + 86_400),
                parts[4], parts[5]);
        usersFile.put("admin", new StoredLogin<>(new User("admin", Role.DUTY_OFFICER, List.of(), null),
                "$2a$04$dutyhash"));

        Sessions restarted = sessions(10);
        assertThat(restarted.admit(asAdmin, users)).as("another username").isEmpty();
        assertThat(restarted.admit(later, users)).as("a later deadline").isEmpty();
        assertThat(restarted.admit(session.cookie() + "x", users)).isEmpty();
        assertThat(restarted.admit(session.cookie().replace('.', ','), users)).isEmpty();
        assertThat(new Sessions(Secret.of("t".repeat(40)), Duration.ofMinutes(30), 10, clock)
                .admit(session.cookie(), users)).as("another secret").isEmpty();
        assertThat(restarted.admit(session.cookie(), users)).as("the cookie as issued").isPresent();
    }

    @Test
    void anExpiredCookieIsRefusedAfterARestart() {
        Sessions.Session session = sessions(10).open(DUTY_LOGIN);
        clock.advance(Duration.ofMinutes(30));

        assertThat(sessions(10).admit(session.cookie(), users)).isEmpty();
    }

    @Test
    void aChangedPasswordOrRoleOrARemovedUserEndsTheSessionWithOrWithoutARestart() {
        Sessions sessions = sessions(10);
        Sessions.Session session = sessions.open(DUTY_LOGIN);

        usersFile.put("duty", new StoredLogin<>(DUTY, "$2a$04$newpassword"));
        assertThat(sessions(10).admit(session.cookie(), users)).as("new password, restarted").isEmpty();
        sessions.revalidate(users);
        assertThat(sessions.admit(session.cookie(), users)).as("new password, same service").isEmpty();

        usersFile.put("duty", new StoredLogin<>(new User("duty", Role.GRID_STAFF, List.of("A1"), null),
                "$2a$04$dutyhash"));
        assertThat(sessions(10).admit(session.cookie(), users)).as("another role").isEmpty();
        usersFile.remove("duty");
        assertThat(sessions(10).admit(session.cookie(), users)).as("removed").isEmpty();
        usersFile.put("duty", DUTY_LOGIN);
        assertThat(sessions(10).admit(session.cookie(), users)).as("as it was").isPresent();
    }

    @Test
    void aUsersFileChangeKeepsTheSessionsOfUsersItDidNotChange() {
        Sessions sessions = sessions(10);
        Sessions.Session session = sessions.open(DUTY_LOGIN);
        usersFile.put("other", new StoredLogin<>(new User("other", Role.ENTERPRISE, List.of(), "ent-a"), "$2a$04$x"));

        sessions.revalidate(users);

        assertThat(sessions.touch(session.id())).isPresent();
    }

    @Test
    void aLoggedOutCookieIsRefusedUntilItsDeadline() {
        Sessions sessions = sessions(10);
        Sessions.Session session = sessions.open(DUTY_LOGIN);

        sessions.close(session.cookie());

        assertThat(sessions.admit(session.cookie(), users)).isEmpty();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.admit(session.cookie(), users)).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void theCookieIsReissuedWithAFreshDeadlineAtMostOnceAMinute() {
        Sessions sessions = sessions(10);
        Sessions.Session session = sessions.open(DUTY_LOGIN);
        String first = session.cookie();

        clock.advance(Duration.ofSeconds(30));
        assertThat(sessions.admit(first, users).orElseThrow().cookie()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(31));
        String second = sessions.admit(first, users).orElseThrow().cookie();
        assertThat(second).isNotEqualTo(first);

        // after a restart, only the fresh deadline counts: 29 minutes after the renewal the old cookie is past its own
        clock.advance(Duration.ofMinutes(29).plusSeconds(30));
        assertThat(sessions(10).admit(first, users)).isEmpty();
        assertThat(sessions(10).admit(second, users)).isPresent();
    }

    @Test
    void theSessionIdleLongestMakesRoomWhenFullAndItsCookieBringsItBack() {
        Sessions sessions = sessions(2);
        Sessions.Session oldest = sessions.open(DUTY_LOGIN);
        clock.advance(Duration.ofSeconds(1));
        Sessions.Session second = sessions.open(DUTY_LOGIN);
        clock.advance(Duration.ofSeconds(1));
        sessions.open(DUTY_LOGIN);

        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.touch(oldest.id())).as("not in memory").isEmpty();
        assertThat(sessions.touch(second.id())).isPresent();
        assertThat(sessions.admit(oldest.cookie(), users)).isPresent();
        assertThat(sessions.size()).isEqualTo(2);
    }
}
