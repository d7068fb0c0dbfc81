package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    private static TopicLayout parse(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        return TopicLayout.from(props);
    }

    @Test
    void anEmptyFileKeepsTheOneMachineLayoutOfOneReplicaAndTodaysPartitions() throws IOException {
        TopicLayout layout = parse("");

        assertThat(layout).isEqualTo(TopicLayout.defaults());
        assertThat(layout.replicationFactor()).isEqualTo((short) 1);
        assertThat(layout.minInsyncReplicas()).isEqualTo(1);
        assertThat(layout.partitionsOf(Topics.READINGS)).isEqualTo(4);
        assertThat(layout.partitionsOf(Topics.INCIDENT_STATE)).isEqualTo(1);
    }

    @Test
    void theClusterFileAsksThreeReplicasTwoInSyncAndKeepsEveryTopic() {
        TopicLayout layout = TopicLayout.load(Path.of("cluster/topics.properties"));

        assertThat(layout.replicationFactor()).isEqualTo((short) 3);
        assertThat(layout.minInsyncReplicas()).isEqualTo(2);
        assertThat(layout.partitions().keySet()).containsExactlyElementsOf(TopicLayout.defaults().partitions().keySet());
        assertThat(CreateTopics.topics(layout)).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        });
    }

    @Test
    void aTopicsPartitionsComeFromItsOwnKey() throws IOException {
        TopicLayout layout = parse("topics.partitions." + Topics.READINGS + " = 12\n");

        assertThat(layout.partitionsOf(Topics.READINGS)).isEqualTo(12);
        assertThat(layout.partitionsOf(Topics.ALARMS)).isEqualTo(4);
        assertThat(CreateTopics.topics(layout)).filteredOn(t -> t.name().equals(Topics.READINGS))
                .extracting(NewTopic::numPartitions).containsExactly(12);
    }

    @Test
    void aValueThatIsNotANumberStopsWithTheKeyNamed() {
        assertThatThrownBy(() -> parse("topics.replication-factor=three"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topics.replication-factor: 'three'");
    }

    @Test
    void zeroPartitionsStopWithTheKeyNamed() {
        String key = "topics.partitions." + Topics.ALARMS;
        assertThatThrownBy(() -> parse(key + "=0"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(key + ": 0 is out of range");
    }

    @Test
    void moreInSyncReplicasThanReplicasStopWithTheKeyNamed() {
        assertThatThrownBy(() -> parse("topics.replication-factor=2\ntopics.min-insync-replicas=3"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topics.min-insync-replicas: 3 is more than");
    }

    @Test
    void aTopicTheStackDoesNotHaveStopsWithTheKeyNamed() {
        assertThatThrownBy(() -> parse("topics.partitions.hazardwatch.readings=8"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topics.partitions.hazardwatch.readings: not a topics key");
        assertThatThrownBy(() -> parse("topics.replication.factor=3"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topics.replication.factor: not a topics key");
    }

    @Test
    void anExistingTopicWithOtherReplicationIsNamedInOneLine() {
        TopicLayout cluster = TopicLayout.load(Path.of("cluster/topics.properties"));
        NewTopic wanted = CreateTopics.topics(cluster).get(0);
        Node node = new Node(1, "127.0.0.1", 29092);
        TopicPartitionInfo onOneNode = new TopicPartitionInfo(0, node, List.of(node), List.of(node));
        TopicDescription actual = new TopicDescription(wanted.name(), false,
                List.of(onOneNode, onOneNode, onOneNode, onOneNode), java.util.Set.of(), Uuid.randomUuid());

        assertThat(CreateTopics.existingLine(wanted, actual))
                .startsWith("topic exists with 4 partitions and 1 replicas, the layout asks 4 and 3: " + wanted.name())
                .doesNotContain("\n");
        assertThat(CreateTopics.existingLine(CreateTopics.topics(TopicLayout.defaults()).get(0), actual))
                .isEqualTo("topic exists: " + wanted.name());
    }
}
