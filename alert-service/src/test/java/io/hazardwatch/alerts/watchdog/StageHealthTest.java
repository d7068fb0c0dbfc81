package io.hazardwatch.alerts.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.WatchdogConfig;
import io.hazardwatch.model.Heartbeat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdog's health rules on instants (the defaults: 30 s silence, 60 s start grace, 30 s lag, 15 s Kafka). */
class StageHealthTest {

    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");

    private final StageHealth health = new StageHealth(WatchdogConfig.defaults(), T0);

    private static Instant at(long seconds) {
        return T0.plusMillis(Math.round(seconds * 1000.0));
    }

    private static Heartbeat beat(Heartbeat.Stage stage, String instance, Instant time, Long lagMillis, Instant failingSince) {
        return new Heartbeat(Heartbeat.SCHEMA, stage, instance, time, time, lagMillis, failingSince, null);
    }

    /** Every heartbeat stage beats at {@code t} (detection without lag, history writing fine). */
    private void allBeat(long t) {
        health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-1", at(t), null, null), at(t));
        health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-0", at(t), 200L, null), at(t));
        health.heartbeat(beat(Heartbeat.Stage.HISTORY, "history-0", at(t), null, null), at(t));
    }

    /** The broker answers every 5 s (the heartbeat consumer's probe) from {@code from} to {@code to}. */
    private void brokerAnswers(long from, long to) {
        for (long t = from; t <= to; t += 5) {
            health.brokerAnswered(at(t));
        }
        health.brokerAnswered(at(to));
    }

    private StageStatus status(Stage stage, long t) {
        return health.evaluate(at(t), null, null).stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    private StageState state(Stage stage, long t) {
        return status(stage, t).state();
    }

    @Test
    void allStagesOkWhileEveryStageBeats() {
        for (long t = 0; t <= 60; t += 5) {
            allBeat(t);
        }
        List<StageStatus> all = health.evaluate(at(61), null, null);
        assertThat(all).extracting(StageStatus::stage).containsExactly(Stage.values());
        assertThat(all).extracting(StageStatus::state).containsOnly(StageState.OK);
    }

    @Test
    void detectionDownThirtySecondsAfterItsLastHeartbeatAndOkAgainWhenItBeats() {
        allBeat(0);
        allBeat(10);
        brokerAnswers(10, 52);
        assertThat(state(Stage.DETECTION, 40)).isEqualTo(StageState.OK);

        StageStatus down = status(Stage.DETECTION, 41);
        assertThat(down.state()).isEqualTo(StageState.DOWN);
        assertThat(down.since()).isEqualTo(at(41));
        assertThat(down.reason()).contains("no heartbeat since " + at(10));
        assertThat(status(Stage.DETECTION, 50).since()).as("since stays while the state stays").isEqualTo(at(41));

        // the restarted job's subtask beats again
        health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-0", at(52), null, null), at(52));
        assertThat(state(Stage.DETECTION, 52)).isEqualTo(StageState.OK);
    }

    @Test
    void aStageNeverHeardFromIsUnknownDuringTheStartGraceThenDown() {
        brokerAnswers(1, 62);
        assertThat(state(Stage.DETECTION, 1)).isEqualTo(StageState.UNKNOWN);
        assertThat(state(Stage.DETECTION, 60)).isEqualTo(StageState.UNKNOWN);
        StageStatus down = status(Stage.DETECTION, 61.5);
        assertThat(down.state()).isEqualTo(StageState.DOWN);
        assertThat(down.reason()).contains("started watching at " + at(1));
        assertThat(status(Stage.GATEWAY, 61.5).state()).isEqualTo(StageState.DOWN);
        assertThat(status(Stage.HISTORY, 61.5).state()).isEqualTo(StageState.DEGRADED);
    }

    private StageStatus status(Stage stage, double t) {
        return health.evaluate(T0.plusMillis(Math.round(t * 1000)), null, null).stream()
                .filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    @Test
    void detectionDegradedWhenOneSubtaskFallsSilentWhileOthersBeatUntilItIsForgotten() {
        brokerAnswers(0, 400);
        for (long t = 0; t <= 400; t += 5) {
            health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-0", at(t), null, null), at(t));
            if (t <= 10) {
                health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-1", at(t), null, null), at(t));
            }
        }
        assertThat(state(Stage.DETECTION, 40)).isEqualTo(StageState.OK);
        StageStatus partial = status(Stage.DETECTION, 41);
        assertThat(partial.state()).isEqualTo(StageState.DEGRADED);
        assertThat(partial.reason()).startsWith("detection-1 silent since " + at(10));
        assertThat(state(Stage.DETECTION, 311)).as("forgotten 5 min after its last beat (a rescale)")
                .isEqualTo(StageState.OK);
    }

    @Test
    void detectionDegradedWhenASubtaskLagsMoreThanThirtySeconds() {
        allBeat(0);
        health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-1", at(1), 30_000L, null), at(1));
        assertThat(state(Stage.DETECTION, 2)).isEqualTo(StageState.OK);

        health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-1", at(5), 45_000L, null), at(5));
        StageStatus lagging = status(Stage.DETECTION, 6);
        assertThat(lagging.state()).isEqualTo(StageState.DEGRADED);
        assertThat(lagging.reason()).contains("detection-1 is 45 s behind");

        // idle (no lag reported) is not lag
        health.heartbeat(beat(Heartbeat.Stage.DETECTION, "detection-1", at(10), null, null), at(10));
        assertThat(state(Stage.DETECTION, 11)).isEqualTo(StageState.OK);
    }

    @Test
    void historyDegradedWhenWritesFailForMoreThanSixtySecondsOrItFallsSilentForSixty() {
        allBeat(0);
        brokerAnswers(0, 140);
        health.heartbeat(beat(Heartbeat.Stage.HISTORY, "history-0", at(20), null, at(10)), at(20));
        assertThat(state(Stage.HISTORY, 70)).isEqualTo(StageState.OK);
        health.heartbeat(beat(Heartbeat.Stage.HISTORY, "history-0", at(70), null, at(10)), at(70));
        StageStatus failing = status(Stage.HISTORY, 71);
        assertThat(failing.state()).isEqualTo(StageState.DEGRADED);
        assertThat(failing.reason()).contains("InfluxDB writes failing since " + at(10));

        health.heartbeat(beat(Heartbeat.Stage.HISTORY, "history-0", at(75), null, null), at(75));
        assertThat(state(Stage.HISTORY, 76)).isEqualTo(StageState.OK);
        assertThat(state(Stage.HISTORY, 135)).isEqualTo(StageState.OK);
        assertThat(state(Stage.HISTORY, 136)).isEqualTo(StageState.DEGRADED);
    }

    @Test
    void gatewayDownThirtySecondsAfterTheLastOfItsInstancesBeat() {
        allBeat(0);
        health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-2", at(20), null, null), at(20));
        brokerAnswers(0, 51);
        assertThat(state(Stage.GATEWAY, 45)).as("gw-2 still beats within 30 s").isNotEqualTo(StageState.DOWN);
        assertThat(state(Stage.GATEWAY, 51)).isEqualTo(StageState.DOWN);
    }

    @Test
    void oneGatewayInstanceSilentWhileAnotherBeatsIsDegradedNamingTheSilentOne() {
        // GIVEN two gateways beating every 5 s; gw-2 is killed after its beat at 20
        for (long t = 0; t <= 60; t += 5) {
            health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-1", at(t), null, null), at(t));
            if (t <= 20) {
                health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-2", at(t), null, null), at(t));
            }
        }
        brokerAnswers(0, 60);

        assertThat(state(Stage.GATEWAY, 50)).as("gw-2 silent for 30 s, not longer").isEqualTo(StageState.OK);
        StageStatus degraded = status(Stage.GATEWAY, 51);
        // THEN the stage is degraded (not down: gw-1 takes the devices), naming gw-2
        assertThat(degraded.state()).isEqualTo(StageState.DEGRADED);
        assertThat(degraded.reason()).startsWith("gw-2 silent since " + at(20)).doesNotContain("gw-1");

        // WHEN gw-2 is started again, it counts as alive
        health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-2", at(61), null, null), at(61));
        StageStatus back = status(Stage.GATEWAY, 62);
        assertThat(back.state()).isEqualTo(StageState.OK);
        assertThat(back.reason()).isEqualTo("2 instances alive");
    }

    @Test
    void aGatewayStoppedOnPurposeIsNotCountedAsSilent() {
        for (long t = 0; t <= 60; t += 5) {
            health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-1", at(t), null, null), at(t));
        }
        health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-2", at(0), null, null), at(0));
        // gw-2 drains for a rolling restart and says so in its last heartbeat
        health.heartbeat(Heartbeat.stopped(Heartbeat.Stage.GATEWAY, "gw-2", at(8)), at(8));
        brokerAnswers(0, 60);

        StageStatus status = status(Stage.GATEWAY, 60);
        assertThat(status.state()).isEqualTo(StageState.OK);
        assertThat(status.reason()).isEqualTo("1 instance alive");
    }

    @Test
    void theLastGatewayStoppedOnPurposeStillLeavesTheStageDown() {
        allBeat(0);
        health.heartbeat(Heartbeat.stopped(Heartbeat.Stage.GATEWAY, "gw-1", at(5)), at(5));
        brokerAnswers(0, 40);
        assertThat(state(Stage.GATEWAY, 34)).isEqualTo(StageState.OK);
        assertThat(state(Stage.GATEWAY, 36)).as("no gateway left: nothing is watched").isEqualTo(StageState.DOWN);
    }

    @Test
    void aStoppedHeartbeatReadsBackAsOneOfSchemaOne() {
        Heartbeat last = Heartbeat.stopped(Heartbeat.Stage.GATEWAY, "gw-2", at(8));
        Heartbeat read = io.hazardwatch.model.Json.fromBytes(io.hazardwatch.model.Json.toBytes(last), Heartbeat.class);
        assertThat(read).isEqualTo(last);
        assertThat(read.saysStopped()).isTrue();
        assertThat(new String(io.hazardwatch.model.Json.toBytes(last), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("saysStopped");
    }

    @Test
    void kafkaDownFifteenSecondsAfterTheBrokerLastAnsweredAndTheOtherStagesUnknownMeanwhile() {
        allBeat(0);
        health.brokerAnswered(at(10));
        assertThat(state(Stage.KAFKA, 25)).isEqualTo(StageState.OK);
        StageStatus down = status(Stage.KAFKA, 26);
        assertThat(down.state()).isEqualTo(StageState.DOWN);
        assertThat(down.reason()).contains("not answered since " + at(10));
        assertThat(state(Stage.DETECTION, 50)).as("its heartbeats cannot come").isEqualTo(StageState.UNKNOWN);

        // back after 60 s: the silence of the stages counts from the broker's return, not from their last beat
        health.brokerAnswered(at(70));
        assertThat(state(Stage.KAFKA, 70)).isEqualTo(StageState.OK);
        assertThat(state(Stage.DETECTION, 71)).isEqualTo(StageState.OK);
        brokerAnswers(70, 101);
        assertThat(state(Stage.DETECTION, 101)).isEqualTo(StageState.DOWN);
    }

    @Test
    void kafkaUnknownWhileConnectingThenDownIfTheBrokerNeverAnswers() {
        assertThat(state(Stage.KAFKA, 5)).isEqualTo(StageState.UNKNOWN);
        assertThat(state(Stage.KAFKA, 16)).isEqualTo(StageState.DOWN);
    }

    @Test
    void kafkaDownWhenTheAlarmFeedLostTheBrokerEvenIfTheWatchdogReachesIt() {
        allBeat(0);
        StageStatus kafka = health.evaluate(at(1), "the alarm feed lost the broker", null).get(Stage.KAFKA.ordinal());
        assertThat(kafka.state()).isEqualTo(StageState.DOWN);
        assertThat(kafka.reason()).isEqualTo("the alarm feed lost the broker");
    }

    @Test
    void kafkaDegradedWhileReplicasAreOutOfSyncAndOkWhenTheyAreBack() {
        allBeat(0);
        health.replicasShort("4 of 10 partitions of hazardwatch.alarms.v1 have fewer replicas in sync than they have"
                + " (broker 2 out of sync): one more broker lost stops writes");
        StageStatus kafka = status(Stage.KAFKA, 1);
        assertThat(kafka.state()).isEqualTo(StageState.DEGRADED);
        assertThat(kafka.reason()).contains("broker 2 out of sync");
        // the other stages are judged as usual: the cluster still serves
        assertThat(state(Stage.DETECTION, 1)).isEqualTo(StageState.OK);

        health.replicasShort(null);
        assertThat(state(Stage.KAFKA, 2)).isEqualTo(StageState.OK);
    }

    @Test
    void kafkaDownWhenUnreachableWhateverTheLastReplicaReportSaid() {
        health.brokerAnswered(at(0));
        health.replicasShort("1 of 4 partitions of hazardwatch.heartbeats.v1 have fewer replicas in sync than they have"
                + " (broker 3 out of sync): one more broker lost stops writes");
        assertThat(state(Stage.KAFKA, 30)).isEqualTo(StageState.DOWN);
    }

    @Test
    void notificationsDegradedAfterThreeFailedSendsInARowOrWhenTheStoreFails() {
        allBeat(0);
        health.sendOutcome(false, "503 busy", at(1));
        health.sendOutcome(false, "503 busy", at(2));
        assertThat(state(Stage.NOTIFICATIONS, 3)).isEqualTo(StageState.OK);
        health.sendOutcome(false, "timeout", at(3));
        StageStatus degraded = status(Stage.NOTIFICATIONS, 4);
        assertThat(degraded.state()).isEqualTo(StageState.DEGRADED);
        assertThat(degraded.reason()).contains("3 messages in a row").contains("since " + at(1)).contains("timeout");
        health.sendOutcome(true, null, at(5));
        assertThat(state(Stage.NOTIFICATIONS, 6)).isEqualTo(StageState.OK);

        brokerAnswers(7, 22);
        assertThat(health.evaluate(at(7), null, "the store gave up").get(Stage.NOTIFICATIONS.ordinal()).state())
                .as("the store gets Kafka's 15 s to catch up").isEqualTo(StageState.UNKNOWN);
        StageStatus store = health.evaluate(at(22), null, "the store gave up").get(Stage.NOTIFICATIONS.ordinal());
        assertThat(store.state()).isEqualTo(StageState.DEGRADED);
        assertThat(store.reason()).isEqualTo("incident store: the store gave up");
    }

    @Test
    void aStoreThatWaitsForAnUnreachableKafkaBlamesKafkaNotTheNotifications() {
        allBeat(0);
        health.brokerAnswered(at(1));
        StageStatus store = health.evaluate(at(30), null, "FAILING since ...: broker away").get(Stage.NOTIFICATIONS.ordinal());
        assertThat(store.state()).isEqualTo(StageState.UNKNOWN);
        assertThat(store.reason()).contains("waits for Kafka");
        assertThat(health.evaluate(at(30), null, null).get(Stage.KAFKA.ordinal()).state()).isEqualTo(StageState.DOWN);
    }

    @Test
    void aGatewayRefusingDevicesForWantOfCapacityIsDegradedUntilItTakesThemAgain() {
        brokerAnswers(0, 80);
        for (long t = 0; t <= 60; t += 5) {
            allBeat(t);
        }
        health.heartbeat(new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.GATEWAY, "gw-1", at(65), null, null, at(63),
                "connections=19000; refused 812 CONNECTs in 5 s: gateway full (mqtt.max-connections)"), at(65));

        StageStatus refusing = status(Stage.GATEWAY, 66);
        assertThat(refusing.state()).isEqualTo(StageState.DEGRADED);
        assertThat(refusing.reason()).contains("gw-1 failing its devices since", "gateway full");

        health.heartbeat(beat(Heartbeat.Stage.GATEWAY, "gw-1", at(70), null, null), at(70));
        assertThat(state(Stage.GATEWAY, 71)).isEqualTo(StageState.OK);
    }
}
