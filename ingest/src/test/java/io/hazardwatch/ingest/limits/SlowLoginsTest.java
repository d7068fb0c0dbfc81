package io.hazardwatch.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SlowLoginsTest {

    private Vertx vertx;
    private SlowLogins logins;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        logins = new SlowLogins(vertx, 1, 2);
    }

    @AfterEach
    void stop() {
        logins.close().await();
        vertx.close().await();
    }

    @Test
    void refusesALoginAtOnceWhenMaxPendingAreWaitingOrRunningAndAdmitsAgainWhenTheyAreDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> running = logins.run(() -> awaitThen(release, "first"));
        Future<String> waiting = logins.run(() -> awaitThen(release, "second"));

        Future<String> refused = logins.run(() -> "third");

        assertThat(refused.failed()).isTrue();
        assertThat(refused.cause()).isInstanceOf(SlowLogins.Busy.class)
                .hasMessageContaining("mqtt.max-pending-logins");
        assertThat(logins.pending()).isEqualTo(2);

        release.countDown();
        assertThat(running.await(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(logins.pending()).isZero();
        assertThat(logins.run(() -> "fourth").await(10, TimeUnit.SECONDS)).isEqualTo("fourth");
    }

    @Test
    void aLoginRunsOnTheLanesOwnWorkersAndAFailedCheckFreesItsPlace() throws Exception {
        String thread = logins.run(() -> Thread.currentThread().getName()).await(10, TimeUnit.SECONDS);
        Future<String> failed = logins.run(() -> {
            throw new IllegalStateException("hash unreadable");
        });

        assertThat(thread).startsWith("hw-slow-logins");
        assertThat(failed.transform(ar -> Future.succeededFuture(ar.cause().getMessage()))
                .await(10, TimeUnit.SECONDS)).isEqualTo("hash unreadable");
        assertThat(logins.pending()).isZero();
    }

    private static String awaitThen(CountDownLatch latch, String result) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        return result;
    }
}
