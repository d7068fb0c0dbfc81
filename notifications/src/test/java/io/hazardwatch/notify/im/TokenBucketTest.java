package io.hazardwatch.notify.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);

    @Test
    void allowsABurstOfThePerMinuteCountThenTellsHowLongToWait() {
        TokenBucket bucket = new TokenBucket(20, now::get);

        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryTake()).as("message %d", i + 1).isZero();
        }

        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refillsEvenlyOverAMinute() {
        TokenBucket bucket = new TokenBucket(20, now::get);
        for (int i = 0; i < 20; i++) {
            bucket.tryTake();
        }

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aLongPauseDoesNotSaveUpMoreThanOneMinutesWorth() {
        TokenBucket bucket = new TokenBucket(3, now::get);
        now.addAndGet(Duration.ofHours(1).toNanos());

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
    }
}
