package io.hazardwatch.alerts.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a standby has the active dropped from the leader group: only when the leader topic has carried the standby's
 * own heartbeats, without a gap, all the while the active's were missing.
 */
class LeadershipTest {

    private static final long MS = 1_000_000;
    private static final long T0 = 5_000 * MS;

    @Test
    void anActiveSilentWhileTheStandbysOwnHeartbeatsKeptComingBackIsDead() {
        // the standby's beats come back all along (streak since before T0); the active's last one at T0
        assertThat(Leadership.activeSilent(T0, T0 - 10_000 * MS, T0 + 2_500 * MS, T0 + 2_600 * MS)).isTrue();
    }

    @Test
    void anActiveSilentForLessThanTheLimitIsNot() {
        assertThat(Leadership.activeSilent(T0, T0 - 10_000 * MS, T0 + 1_500 * MS, T0 + 1_600 * MS)).isFalse();
    }

    @Test
    void whenTheStandbysOwnHeartbeatsStoppedTooKafkaStallsAndNobodyIsDropped() {
        // a broker with the leader topic's partition died: neither the active's beats nor the standby's come back
        assertThat(Leadership.activeSilent(T0, T0 - 10_000 * MS, T0 + 400 * MS, T0 + 8_000 * MS)).isFalse();
    }

    @Test
    void whenKafkaMovedThePartitionTheStandbysFirstHeartbeatsBackDoNotCondemnTheActive() {
        // 8 s of stall; the standby's beats resumed 300 ms ago, the active's next one is on its way
        assertThat(Leadership.activeSilent(T0, T0 + 7_700 * MS, T0 + 8_000 * MS, T0 + 8_000 * MS)).isFalse();
    }

    @Test
    void whenTheStandbysHeartbeatsHaveComeBackForTheLimitWithoutTheActivesTheActiveIsDead() {
        // the active died during the stall: 2.1 s of the standby's beats and none of the active's
        assertThat(Leadership.activeSilent(T0, T0 + 7_700 * MS, T0 + 9_700 * MS, T0 + 9_800 * MS)).isTrue();
    }
}
