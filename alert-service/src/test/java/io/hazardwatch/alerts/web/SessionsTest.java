package io.hazardwatch.alerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final User DUTY = new User("duty", Role.DUTY_OFFICER, List.of(), null);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));

    @Test
    void aSessionEndsAfterItsIdleTimeWithoutARequestAndEachRequestKeepsItAlive() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), 10, clock);
        Sessions.Session session = sessions.open(DUTY);

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(session.id())).as("29 minutes after the last request").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.touch(session.id())).as("30 minutes idle").isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void eachSessionHasItsOwnRandomIdAndCsrfTokenComparedExactly() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), 10, clock);
        Sessions.Session a = sessions.open(DUTY);
        Sessions.Session b = sessions.open(DUTY);

        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken()).hasSize(43);
        assertThat(a.csrfMatches(a.csrfToken())).isTrue();
        assertThat(a.csrfMatches(b.csrfToken())).isFalse();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(sessions.touch("guessed")).isEmpty();
    }

    @Test
    void theSessionIdleLongestMakesRoomWhenFullAndAUsersFileChangeEndsThemAll() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), 2, clock);
        Sessions.Session oldest = sessions.open(DUTY);
        clock.advance(Duration.ofSeconds(1));
        Sessions.Session second = sessions.open(DUTY);
        clock.advance(Duration.ofSeconds(1));
        sessions.open(DUTY);

        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.touch(oldest.id())).isEmpty();
        assertThat(sessions.touch(second.id())).isPresent();
        sessions.closeAll();
        assertThat(sessions.touch(second.id())).isEmpty();
    }
}
