package io.hazardwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionsTest {

    private final Sessions sessions = new Sessions();

    @Test
    void aPersistentSessionIsResumedBySameLoginBeforeItExpires() {
        Sessions.Opened first = sessions.open("c1", "user", false, 0);
        first.session().errorTopics.add("hazardwatch/v1/e/d/errors");
        sessions.closed("c1", null, first.session(), 1_000, 100);

        Sessions.Opened again = sessions.open("c1", "user", false, 500);

        assertThat(first.present()).isFalse();
        assertThat(again.present()).isTrue();
        assertThat(again.session().errorTopics).containsExactly("hazardwatch/v1/e/d/errors");
    }

    @Test
    void aSessionIsNotResumedAfterExpiryByAnotherLoginOrWithCleanStart() {
        Sessions.Opened first = sessions.open("c1", "user", false, 0);
        sessions.closed("c1", null, first.session(), 1_000, 100);

        assertThat(sessions.open("c1", "user", false, 2_000).present()).as("expired").isFalse();
        sessions.closed("c1", null, sessions.open("c1", "user", false, 2_000).session(), 1_000, 2_000);
        Sessions.Opened other = sessions.open("c1", "other-user", false, 3_200);
        assertThat(other.present()).as("other login, after expiry").isFalse();
        sessions.closed("c1", null, other.session(), 0, 3_200);
        sessions.closed("c1", null, sessions.open("c1", "user", false, 3_300).session(), 1_000, 3_300);
        assertThat(sessions.open("c1", "user", true, 3_400).present()).as("clean start").isFalse();
    }

    @Test
    void aClientIdHeldByOneLoginIsNotOpenedForAnotherUntilItsSessionExpires() {
        Sessions.Opened first = sessions.open("c1", "ent-a-gw", false, 0);
        sessions.closed("c1", null, first.session(), 1_000, 100);

        assertThat(sessions.holder("c1", 500)).isEqualTo("ent-a-gw");
        assertThat(sessions.open("c1", "ent-b-gw", true, 500)).as("held by another login").isNull();
        assertThat(sessions.open("c1", "ent-a-gw", false, 600).present()).as("its own login resumes it").isTrue();
        sessions.closed("c1", null, sessions.open("c1", "ent-a-gw", false, 700).session(), 1_000, 800);
        assertThat(sessions.holder("c1", 1_900)).as("expired").isNull();
        assertThat(sessions.open("c1", "ent-b-gw", true, 1_900)).as("free after expiry").isNotNull();
    }

    @Test
    void aCleanSessionEndsWithItsConnection() {
        Sessions.Opened first = sessions.open("c1", "user", true, 0);
        sessions.closed("c1", null, first.session(), 0, 100);

        assertThat(sessions.storedCount()).isZero();
    }
}
