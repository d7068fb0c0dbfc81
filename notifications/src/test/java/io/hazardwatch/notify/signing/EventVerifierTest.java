package io.hazardwatch.notify.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.EventVerifier.Outcome;
import io.hazardwatch.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventVerifierTest {

    private static final String SECRET = "dispatch-shared-secret";
    private static final String BODY = "{\"dedup_key\":\"hw-1\",\"status\":\"acknowledged\"}";
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final EventVerifier verifier = new EventVerifier(Secret.of(SECRET), Duration.ofMinutes(5), 3, clock);

    private static String sign(long ts, String key, String body) {
        return WebhookSignature.signEvent(SECRET, ts, key, body);
    }

    private Outcome verify(long ts, String key, String body, String signature) {
        return verifier.verify(Long.toString(ts), key, body, signature).outcome();
    }

    @Test
    void acceptsAFreshSignedEventOnceAndAnswersItsReplayAsAlreadyTaken() {
        long ts = NOW.getEpochSecond();
        assertThat(verify(ts, "ev-1", BODY, sign(ts, "ev-1", BODY))).isEqualTo(Outcome.ACCEPTED);
        clock.set(NOW.plusSeconds(60));
        assertThat(verify(ts, "ev-1", BODY, sign(ts, "ev-1", BODY))).isEqualTo(Outcome.REPLAY);
        assertThat(Outcome.REPLAY.status).isEqualTo(409);
    }

    @Test
    void aForgottenKeyMayBeTakenAgainAndIsThenKeptForItsOwnWindow() {
        long ts = NOW.getEpochSecond();
        assertThat(verify(ts, "ev-1", BODY, sign(ts, "ev-1", BODY))).isEqualTo(Outcome.ACCEPTED);
        verifier.forget("ev-1");
        clock.set(NOW.plusSeconds(200));
        long retry = clock.instant().getEpochSecond();
        assertThat(verify(retry, "ev-1", BODY, sign(retry, "ev-1", BODY))).isEqualTo(Outcome.ACCEPTED);

        clock.set(NOW.plusSeconds(301)); // the first timestamp's window is over, the retry's is not
        assertThat(verify(retry, "ev-1", BODY, sign(retry, "ev-1", BODY))).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void refusesATimestampOutsideTheWindowEitherWay() {
        long old = NOW.minusSeconds(301).getEpochSecond();
        long future = NOW.plusSeconds(301).getEpochSecond();
        assertThat(verify(old, "ev-1", BODY, sign(old, "ev-1", BODY))).isEqualTo(Outcome.STALE);
        assertThat(verify(future, "ev-2", BODY, sign(future, "ev-2", BODY))).isEqualTo(Outcome.STALE);
        long edge = NOW.minusSeconds(300).getEpochSecond();
        assertThat(verify(edge, "ev-3", BODY, sign(edge, "ev-3", BODY))).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aCapturedRequestReplayedAfterTheWindowIsStaleAndItsKeyIsForgotten() {
        long ts = NOW.getEpochSecond();
        assertThat(verify(ts, "ev-1", BODY, sign(ts, "ev-1", BODY))).isEqualTo(Outcome.ACCEPTED);
        clock.set(NOW.plusSeconds(301));
        assertThat(verify(ts, "ev-1", BODY, sign(ts, "ev-1", BODY))).isEqualTo(Outcome.STALE);
        assertThat(verifier.remembered()).isZero();
    }

    @Test
    void theSignatureCoversTimestampKeyAndBody() {
        long ts = NOW.getEpochSecond();
        String signature = sign(ts, "ev-1", BODY);
        assertThat(verify(ts + 1, "ev-1", BODY, signature)).as("new timestamp").isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verify(ts, "ev-2", BODY, signature)).as("new key").isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verify(ts, "ev-1", BODY + " ", signature)).as("new body").isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verify(ts, "ev-1", BODY, WebhookSignature.signEvent("other", ts, "ev-1", BODY)))
                .as("other secret").isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verify(ts, "ev-1", BODY, WebhookSignature.sign(SECRET, ts, BODY)))
                .as("the old signature without the key").isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verify(ts, "ev-1", BODY, signature)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void movingTheSeparatorBetweenKeyAndBodyBreaksTheSignature() {
        long ts = NOW.getEpochSecond();
        String signature = sign(ts, "ev-1", "x" + BODY);
        assertThat(verify(ts, "ev-1x", BODY, signature)).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void refusesMissingHeadersAndATimestampThatIsNotUnixSeconds() {
        assertThat(verifier.verify(null, "ev-1", BODY, "x").outcome()).isEqualTo(Outcome.UNSIGNED);
        assertThat(verifier.verify("1", null, BODY, "x").outcome()).isEqualTo(Outcome.UNSIGNED);
        assertThat(verifier.verify("1", "ev-1", BODY, null).outcome()).isEqualTo(Outcome.UNSIGNED);
        assertThat(verifier.verify("2026-12-06T08:00:00Z", "ev-1", BODY, "x").outcome()).isEqualTo(Outcome.BAD_TIMESTAMP);
    }

    @Test
    void badSignaturesAreNotRemembered() {
        long ts = NOW.getEpochSecond();
        for (int i = 0; i < 10; i++) {
            assertThat(verify(ts, "ev-" + i, BODY, "forged")).isEqualTo(Outcome.BAD_SIGNATURE);
        }
        assertThat(verifier.remembered()).isZero();
        assertThat(verify(ts, "ev-1", BODY, sign(ts, "ev-1", BODY))).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void whenFullRefusesNewEventsAsBusyInsteadOfForgettingSeenKeysEarly() {
        long ts = NOW.getEpochSecond();
        for (String key : new String[] {"a", "b", "c"}) {
            assertThat(verify(ts, key, BODY, sign(ts, key, BODY))).isEqualTo(Outcome.ACCEPTED);
        }
        assertThat(verify(ts, "d", BODY, sign(ts, "d", BODY))).isEqualTo(Outcome.BUSY);
        assertThat(verify(ts, "a", BODY, sign(ts, "a", BODY))).isEqualTo(Outcome.REPLAY);
        clock.set(NOW.plusSeconds(301));
        long later = clock.instant().getEpochSecond();
        assertThat(verify(later, "d", BODY, sign(later, "d", BODY))).isEqualTo(Outcome.ACCEPTED);
    }
}
