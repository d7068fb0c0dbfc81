package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.testsupport.TestEnv;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benches' scratch topics on the shared broker: created like the readings topic, and gone afterwards. */
@Timeout(90)
class ScratchTopicsIT {

    @Test
    void createsMissingTopicsWithFourPartitionsAndAppendTimesAndDeletesThem() throws Exception {
        String topic = "scratch-it." + UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap());
        TestEnv.kafkaClientAuth().addTo(props);
        try (Admin admin = Admin.create(props)) {
            ScratchTopics.main(new String[] {TestEnv.kafkaBootstrap(), "create", topic});
            ScratchTopics.main(new String[] {TestEnv.kafkaBootstrap(), "create", topic}); // already there: left alone

            TopicDescription created = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            assertThat(created.partitions()).hasSize(4);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(java.util.List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get("message.timestamp.type").value()).isEqualTo("LogAppendTime");

            ScratchTopics.main(new String[] {TestEnv.kafkaBootstrap(), "delete", topic, "scratch-it.never-made"});

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
        }
    }
}
