package io.hazardwatch.testsupport;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node KRaft Kafka broker of a test's own, run as a child process on free 127.0.0.1 ports, for
 * tests that stop and restart Kafka: the shared broker is never touched. It keeps its data directory across
 * {@link #stop()} and {@link #start()}, like a real broker restart.
 * <p>
 * The broker runs with the calling JVM's class path, so the calling module needs {@code kafka_2.13} and
 * {@code log4j-core} on its test class path (test scope; versions from the root pom).
 */
public final class PrivateKafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path properties;
    private final Path log;
    /** principal → password when the broker runs with SASL/SCRAM and ACLs; empty: PLAINTEXT, no authorizer */
    private final Map<String, String> users;
    private Process process;

    private PrivateKafkaBroker(Path dir, Map<String, String> users) {
        this.dir = dir;
        this.users = users;
        this.port = FreePort.find();
        this.controllerPort = FreePort.find();
        this.properties = dir.resolve("server.properties");
        this.log = dir.resolve("kafka.log");
    }

    /** Formats storage in {@code dir} and starts the broker; returns once it answers (at most 90 s). */
    public static PrivateKafkaBroker start(Path dir) {
        return start(dir, Map.of());
    }

    /**
     * A broker as the one-machine stack runs it (deploy/config/kafka-server-sasl.properties): clients log in with
     * SASL/SCRAM-SHA-512, the StandardAuthorizer allows only what ACLs grant, {@code admin} is the super user.
     * Every principal of {@link #PRINCIPALS} gets a random password at format time; {@link #clientAuth} gives a
     * client's settings.
     */
    public static PrivateKafkaBroker startWithAuth(Path dir) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String principal : PRINCIPALS) {
            users.put(principal, UUID.randomUUID().toString().replace("-", ""));
        }
        PrivateKafkaBroker broker = start(dir, users);
        PRINCIPALS.forEach(broker::clientAuth); // writes every principal's client file
        return broker;
    }

    /** The principals of the stack: the super user and one per service. */
    public static final List<String> PRINCIPALS = List.of("admin", "ingest", "jobs", "alerts", "rules", "simulator");

    private static PrivateKafkaBroker start(Path dir, Map<String, String> users) {
        try {
            Class.forName("kafka.Kafka", false, PrivateKafkaBroker.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kafka_2.13 is not on the test class path: add it (test scope) to use PrivateKafkaBroker");
        }
        PrivateKafkaBroker broker = new PrivateKafkaBroker(dir, users);
        broker.format();
        broker.start();
        return broker;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** A client's login as {@code principal} (one of {@link #PRINCIPALS}); plaintext if the broker has no auth. */
    public KafkaClientAuth clientAuth(String principal) {
        if (users.isEmpty()) {
            return KafkaClientAuth.none();
        }
        String password = users.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no principal " + principal + " on this broker");
        }
        Path file = dir.resolve("secrets").resolve(principal + ".properties");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                    + "sasl.jaas.config=" + scramLogin(principal, password) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return KafkaClientAuth.load(file, "PrivateKafkaBroker");
    }

    /** The value of {@code kafka.client-properties-file} for a service logging in as {@code principal}. */
    public String clientPropertiesFile(String principal) {
        return users.isEmpty() ? KafkaClientAuth.PLAINTEXT
                : dir.resolve("secrets").resolve(principal + ".properties").toString();
    }

    /** Starts the (stopped) broker again on the same ports and data; returns once it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = launch("kafka.Kafka", properties.toString());
        awaitReady(Duration.ofSeconds(90));
    }

    /** Stops the broker cleanly (SIGTERM; SIGKILL after 30 s). Its data stays for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process, 30);
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Creates a topic (replication 1) and returns its name. */
    public String createTopic(String prefix, int partitions) {
        String name = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name + " on " + bootstrap(), e);
        }
    }

    /** Reads {@code topic} of this broker from the beginning until {@code done} accepts what was read, or the timeout. */
    public List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> read(
            String topic, java.util.function.Predicate<List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>> done,
            Duration timeout) {
        Properties props = clientAuth("admin").addTo(new Properties());
        props.put("bootstrap.servers", bootstrap());
        props.put("group.id", "test-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        stop();
    }

    private void format() {
        try {
            Files.createDirectories(dir);
            Files.writeString(properties, """
                    process.roles=broker,controller
                    node.id=1
                    controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                    listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                    advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                    controller.listener.names=CONTROLLER
                    inter.broker.listener.name=PLAINTEXT
                    listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                    log.dirs=%3$s
                    num.partitions=1
                    auto.create.topics.enable=false
                    offsets.topic.replication.factor=1
                    offsets.topic.num.partitions=1
                    transaction.state.log.replication.factor=1
                    transaction.state.log.min.isr=1
                    share.coordinator.state.topic.replication.factor=1
                    share.coordinator.state.topic.min.isr=1
                    group.initial.rebalance.delay.ms=0
                    """.formatted(port, controllerPort, dir.resolve("data")) + authSettings());
            Files.writeString(dir.resolve("log4j2.xml"), """
                    <Configuration status="WARN">
                      <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="%d %-5level %c{1} - %msg%n"/></Console></Appenders>
                      <Loggers><Root level="WARN"><AppenderRef ref="out"/></Root>
                        <Logger name="kafka.server.KafkaRaftServer" level="INFO"/></Loggers>
                    </Configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("format", "-t", randomClusterId(), "-c",
                properties.toString(), "--standalone", "--ignore-formatted"));
        users.forEach((name, password) -> args.addAll(List.of("--add-scram",
                "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]")));
        Process formatter = launch("kafka.tools.StorageTool", args.toArray(String[]::new));
        try {
            if (!formatter.waitFor(90, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed: " + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** The stack's own SASL settings (deploy/config/kafka-server-sasl.properties) for this broker's ports and admin. */
    private String authSettings() throws IOException {
        if (users.isEmpty()) {
            return "";
        }
        return "\n" + Files.readString(stackFile("deploy/config/kafka-server-sasl.properties"))
                .replace("@PORT@", Integer.toString(port))
                .replace("@CPORT@", Integer.toString(controllerPort))
                .replace("@ADMIN_PASSWORD@", users.get("admin"));
    }

    /** A file of the repository, found from the working directory (a module's, under Maven) upwards. */
    private static Path stackFile(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String randomClusterId() {
        // Kafka's own generator: base64url, and never starting with '-' (which the tool would read as an option)
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private Process launch(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"),
                "-Dkafka.logs.dir=" + dir,
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        try {
            Process started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + ": " + tail());
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("Kafka did not answer on " + bootstrap() + " within " + timeout + ": " + tail());
    }

    private Admin admin() {
        Properties props = clientAuth("admin").addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }

    private String tail() {
        return ChildProcesses.tail(log);
    }

    private static void sleep() {
        ChildProcesses.pause(250);
    }
}
