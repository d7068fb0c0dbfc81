package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker as the one-machine stack runs it (SASL/SCRAM logins, StandardAuthorizer, nothing allowed without an ACL)
 * after {@code bin/hw topics create} ran as admin: each service principal may do what its service needs and no more,
 * and a client without a login gets nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaAclsIT {

    @TempDir
    static Path dir;
    static PrivateKafkaBroker kafka;
    static String createOutput;

    @BeforeAll
    static void brokerWithLoginsAndTheStacksAcls() throws Exception {
        kafka = PrivateKafkaBroker.startWithAuth(dir.resolve("kafka"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CreateTopics.create(kafka.bootstrap(), kafka.clientAuth("admin"), new PrintStream(out, true, StandardCharsets.UTF_8));
        createOutput = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void topicsCreateGrantsTheServicesTheirAcls() {
        assertThat(createOutput).contains("created topic " + Topics.RULES).contains("granted");
    }

    @Test
    void theGatewaysPrincipalWritesReadingsDeadLettersStatusAndHeartbeats() throws Exception {
        for (String topic : List.of(Topics.READINGS, Topics.DEAD_LETTER, Topics.DEVICE_STATUS, Topics.HEARTBEATS)) {
            send("ingest", topic);
        }
    }

    @Test
    void theGatewaysPrincipalCannotForgeAnAlarm() {
        assertRefused("ingest", Topics.ALARMS);
    }

    @Test
    void theGatewaysPrincipalCannotPublishARule() {
        assertRefused("ingest", Topics.RULES);
    }

    @Test
    void onlyTheRulesPublisherWritesTheRulesTopic() throws Exception {
        send("rules", Topics.RULES);
        assertRefused("jobs", Topics.RULES);
        assertRefused("alerts", Topics.RULES);
    }

    @Test
    void theJobsWriteAlarmsAndReadReadingsInTheirGroup() throws Exception {
        send("jobs", Topics.ALARMS);
        send("ingest", Topics.READINGS);
        Properties props = props("jobs");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, ServiceAcls.JOBS_GROUP_PREFIX + "-history");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.READINGS));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.count()).isPositive();
            consumer.commitSync();
        }
    }

    @Test
    void theAlertServiceWritesItsIncidentStateInItsOwnTransaction() throws Exception {
        Properties props = props("alerts");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ServiceAcls.ALERTS_TRANSACTION_PREFIX + Topics.INCIDENT_STATE);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.INCIDENT_STATE, "k", "v"));
            producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS, "k", "v"));
            producer.commitTransaction();
        }
        assertRefused("alerts", Topics.ALARMS);
    }

    @Test
    void aClientWithoutALoginCannotProduceAtAll() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ALARMS, "k", "forged")).get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                + UUID.randomUUID() + "\";");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ALARMS, "k", "forged")).get(15, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aRotatedPasswordLogsInAndTheOldOneNoLonger() throws Exception {
        KafkaClientAuth old = kafka.clientAuth("simulator");
        Path file = dir.resolve("kafka-simulator.properties");

        KafkaPassword.rotate(kafka.bootstrap(), kafka.clientAuth("admin"), "simulator", file);

        KafkaClientAuth rotated = KafkaClientAuth.load(file, "test");
        assertThat(rotated.settings().get("sasl.jaas.config")).isNotEqualTo(old.settings().get("sasl.jaas.config"));
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Throwable oldLogin;
        do { // the broker applies the new credential from its metadata log, at once on one node
            oldLogin = catchThrowable(() -> describeReadings(old));
        } while (oldLogin == null && System.nanoTime() < deadline);
        assertThat(oldLogin).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(describeReadings(rotated)).isEqualTo(Topics.READINGS);
    }

    private static String describeReadings(KafkaClientAuth auth) throws Exception {
        Properties props = auth.addTo(new Properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put("request.timeout.ms", "5000");
        props.put("default.api.timeout.ms", "10000");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            return admin.describeTopics(List.of(Topics.READINGS)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .keySet().iterator().next();
        }
    }

    private static Properties props(String principal) {
        KafkaClientAuth auth = kafka.clientAuth(principal);
        Properties props = auth.addTo(new Properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return props;
    }

    private static void send(String principal, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props(principal), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
        }
    }

    private static void assertRefused(String principal, String topic) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props(principal), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "forged")).get(20, TimeUnit.SECONDS))
                    .as("%s writing %s", principal, topic)
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }
}
