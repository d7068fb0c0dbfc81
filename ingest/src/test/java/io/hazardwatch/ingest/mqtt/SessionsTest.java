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
        assertThat(sessions.open("c1", "other-user", false, 2_100).present()).as("other login").isFalse();
        sessions.closed("c1", null, sessions.open("c1", "user", false, 2_100).session(), 1_000, 2_100);
        assertThat(sessions.open("c1", "user", true, 2_200).present()).as("clean start").isFalse();
    }

    @Test
    void aCleanSessionEndsWithItsConnection() {
        Sessions.Opened first = sessions.open("c1", "user", true, 0);
        sessions.closed("c1", null, first.session(), 0, 100);

        assertThat(sessions.storedCount()).isZero();
    }
}
