package io.hazardwatch.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class ReplicaCheckTest {

    private static final Node B1 = new Node(1, "127.0.0.1", 29092);
    private static final Node B2 = new Node(2, "127.0.0.1", 29093);
    private static final Node B3 = new Node(3, "127.0.0.1", 29094);

    private static TopicPartitionInfo partition(int id, Node leader, List<Node> isr) {
        return new TopicPartitionInfo(id, leader, List.of(B1, B2, B3), isr);
    }

    @Test
    void everyReplicaInSyncIsNoShortage() {
        TopicDescription alarms = new TopicDescription("hazardwatch.alarms.v1", false,
                List.of(partition(0, B1, List.of(B1, B2, B3)), partition(1, B2, List.of(B2, B3, B1))));
        assertThat(ReplicaCheck.shortage(Map.of(alarms.name(), alarms))).isNull();
    }

    @Test
    void aBrokerOutOfSyncIsNamedWithThePartitionsItLeavesShort() {
        TopicDescription alarms = new TopicDescription("hazardwatch.alarms.v1", false,
                List.of(partition(0, B1, List.of(B1, B3)), partition(1, B3, List.of(B3, B1))));
        TopicDescription beats = new TopicDescription("hazardwatch.heartbeats.v1", false,
                List.of(partition(0, B1, List.of(B1, B2, B3))));
        String shortage = ReplicaCheck.shortage(Map.of(alarms.name(), alarms, beats.name(), beats));
        assertThat(shortage).startsWith("2 of 3 partitions of hazardwatch.alarms.v1 have fewer replicas in sync")
                .contains("(broker 2 out of sync)").endsWith("one more broker lost stops writes")
                .doesNotContain("heartbeats").doesNotContain("without a leader");
    }

    @Test
    void aPartitionWithoutALeaderIsSaid() {
        TopicDescription state = new TopicDescription("hazardwatch.incident-state.v1", false,
                List.of(partition(0, null, List.of(B3))));
        assertThat(ReplicaCheck.shortage(Map.of(state.name(), state)))
                .contains("broker 1, 2 out of sync").contains("some without a leader");
    }

    @Test
    void oneReplicaTopicsOfTheOneMachineLayoutAreNeverShort() {
        TopicDescription single = new TopicDescription("hazardwatch.alarms.v1", false,
                List.of(new TopicPartitionInfo(0, B1, List.of(B1), List.of(B1))));
        assertThat(ReplicaCheck.shortage(Map.of(single.name(), single))).isNull();
    }
}
