package io.hazardwatch.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.registry.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(-5 * SECOND); // nanoTime may be negative
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(600), Duration.ofSeconds(1),
            Duration.ofSeconds(8), 1000, now::get);

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void aUsernameIsThrottledAfterThreeFailuresForOneSecondDoublingUpToTheCap() {
        fail(2, "ent-a-gw", "10.0.0.1");
        assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.2")).as("two failures").isZero();

        fail(1, "ent-a-gw", "10.0.0.2");
        assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.3")).isEqualTo(SECOND);

        long[] expected = {2, 4, 8, 8};
        for (long seconds : expected) {
            now.addAndGet(throttle.throttledFor("ent-a-gw", "10.0.0.3"));
            assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.3")).as("throttle over").isZero();
            fail(1, "ent-a-gw", "10.0.0." + (10 + seconds));
            assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.3")).isEqualTo(seconds * SECOND);
        }
    }

    @Test
    void aGuardedCheckCountsItsOutcomeAndAGuessQueuedBeforeTheThrottleStartedIsRefusedUncheckedWhenItsTurnComes()
            throws Exception {
        AtomicLong checks = new AtomicLong();
        Callable<Optional<Principal>> wrongPassword = throttle.guard("ent-a-gw", "10.0.0.1", () -> {
            checks.incrementAndGet();
            return Optional.empty();
        });
        Callable<Optional<Principal>> queued = throttle.guard("ent-a-gw", "10.0.0.1", () -> {
            checks.incrementAndGet();
            return Optional.empty();
        });
        wrongPassword.call();
        wrongPassword.call();
        assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.7")).as("two failures counted").isZero();
        wrongPassword.call();

        assertThatThrownBy(queued::call).isInstanceOf(LoginThrottle.Throttled.class);
        assertThat(checks).as("no password check once throttled").hasValue(3);
    }

    @Test
    void anAddressIsThrottledForEveryUsernameButOtherAddressesAndUsernamesAreNot() {
        fail(1, "a", "10.0.0.1");
        fail(1, "b", "10.0.0.1");
        fail(1, "c", "10.0.0.1");

        assertThat(throttle.throttledFor("d", "10.0.0.1")).as("same address, any username").isPositive();
        assertThat(throttle.throttledFor("d", "10.0.0.2")).as("other address and username").isZero();
        assertThat(throttle.throttledFor("a", "10.0.0.2")).as("a username with one failure").isZero();
    }

    @Test
    void aSourceThatLoggedInBeforeIsNotThrottledForThatUsernameWhileItIsGuessedElsewhere() {
        throttle.succeeded("ent-a-gw", "10.0.0.9");
        fail(5, "ent-a-gw", "10.0.0.1");

        assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.2")).as("a new source").isPositive();
        assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.9")).as("its known source").isZero();
    }

    @Test
    void aMisconfiguredDeviceBehindANatAddressDoesNotLockOutTheDevicesThatLoggedInFromThereBefore() {
        throttle.succeeded("tank-1", "10.0.0.9");
        fail(10, "tank-2", "10.0.0.9");

        assertThat(throttle.throttledFor("tank-1", "10.0.0.9")).as("known there").isZero();
        assertThat(throttle.throttledFor("tank-3", "10.0.0.9")).as("never logged in from there").isPositive();
        fail(10, "tank-1", "10.0.0.9");
        assertThat(throttle.throttledFor("tank-1", "10.0.0.1")).as("a known pair's failures are not counted")
                .isZero();
    }

    @Test
    void failuresFurtherApartThanTheWindowStartTheCountAgainAndArePurged() {
        fail(2, "ent-a-gw", "10.0.0.1");
        now.addAndGet(601 * SECOND);
        fail(1, "ent-a-gw", "10.0.0.1");
        assertThat(throttle.throttledFor("ent-a-gw", "10.0.0.1")).isZero();

        now.addAndGet(601 * SECOND);
        throttle.purge();
        assertThat(throttle.entries()).isZero();
    }

    @Test
    void theTableIsBounded() {
        LoginThrottle small = new LoginThrottle(3, Duration.ofSeconds(600), Duration.ofSeconds(1),
                Duration.ofSeconds(8), 100, now::get);
        for (int i = 0; i < 10_000; i++) {
            small.failed("user-" + i, "10.0." + (i / 256) + "." + (i % 256));
            small.succeeded("user-" + i, "10.1." + (i / 256) + "." + (i % 256));
        }
        assertThat(small.entries()).isLessThanOrEqualTo(200);
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() {
        assertThat(new LoginThrottle.Throttled(1).retryAfterSeconds()).isEqualTo(1);
        assertThat(new LoginThrottle.Throttled(2 * SECOND + 1).retryAfterSeconds()).isEqualTo(3);
    }
}
