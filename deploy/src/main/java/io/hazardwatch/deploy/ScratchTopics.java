package io.hazardwatch.deploy;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Topics a benchmark writes to instead of the stack's own, so that its millions of readings never become a
 * backlog for the detection job of the stack that shares the broker:
 * {@code ScratchTopics <bootstrap> create|delete <topic>...}. Created with 4 partitions (as the readings topic),
 * broker append times and one day's retention; missing or existing ones are left alone.
 */
public final class ScratchTopics {

    private ScratchTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !Set.of("create", "delete").contains(args[1])) {
            System.err.println("usage: ScratchTopics <bootstrap servers> create|delete <topic>...");
            System.exit(2);
        }
        List<String> topics = Arrays.asList(args).subList(2, args.length);
        Properties props = KafkaClientAuth.fromEnvironment().addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (args[1].equals("create")) {
                List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                        .map(t -> new NewTopic(t, 4, (short) 1).configs(Map.of(
                                "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)),
                                "message.timestamp.type", "LogAppendTime")))
                        .toList();
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } else {
                admin.deleteTopics(topics.stream().filter(existing::contains).toList()).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
