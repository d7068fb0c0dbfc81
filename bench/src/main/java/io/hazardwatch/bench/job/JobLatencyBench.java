package io.hazardwatch.bench.job;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.streamjobs.app.LocalJobs;
import io.hazardwatch.streamjobs.app.LocalMain;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.streamjobs.influx.InfluxPointSink;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The detection job (Kafka in, alarms to Kafka), beside the history job (readings and aggregates to InfluxDB) as
 * one-machine mode runs them ({@code LocalJobs}: one local MiniCluster), fed at a fixed rate from Kafka, measuring what it keeps up with and how long
 * an alarm takes. Fresh topics and InfluxDB database, removed at the end. Prints a Markdown table.
 *
 * <p>Load: {@code sensors} COMBUSTIBLE_GAS sensors (10 per device) report in turn at {@code rate} readings/s in
 * total, around 3 %LEL with noise. Every 100 ms one of them (in turn, so that none gets near flapping) reports
 * 30 %LEL in an extra reading — a probe; its next regular reading is normal again. Probes go to sensors in a
 * stride of 7 (or another prime that does not divide the sensor count), so no sensor is probed twice within {@code sensors} / 10 seconds (twice within 10 minutes would
 * make it flap, and the flapping guard would hold back its third alarm: keep warm-up + measurement under
 * {@code sensors} / 5 seconds). Latency of a probe = the time its RAISED THRESHOLD
 * event was appended to the alarms topic (LogAppendTime) − the probe's event time, which is the wall-clock time
 * it was sent (one machine, one clock). Throughput = records read by the detection operator during the
 * measurement window (Flink REST, vertex {@code read-records}) per second.
 *
 * <p>Settings: {@code bin/hw bench-job --help}.
 */
@Command(name = "bench-job", mixinStandardHelpOptions = true,
        description = "The detection and history jobs on a local MiniCluster, fed from Kafka at a fixed rate: "
                + "readings/s processed and event→alarm latency, as a Markdown table and a RESULT line.")
public final class JobLatencyBench implements Callable<Integer> {

    private static final double BASELINE = 3.0;
    private static final double PROBE = 30.0;
    private static final long PROBE_EVERY_MS = 100;

    @Option(names = "--rate", defaultValue = "10000", paramLabel = "READINGS/S",
            description = "Readings offered per second, all sensors together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
            description = "Measured time, after the warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "15", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--sensors", defaultValue = "2000", paramLabel = "N",
            description = "COMBUSTIBLE_GAS sensors, 10 per device (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--buffer-timeout-ms", defaultValue = "-1", paramLabel = "MS",
            description = "Flink's network buffer timeout for an experiment; -1 = the job's own (Flink's default, 100 ms).")
    int bufferTimeoutMs;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT", description = "Default: ${DEFAULT-VALUE}.")
    String kafka;

    @Option(names = "--influx", defaultValue = "http://127.0.0.1:8086", paramLabel = "URL", description = "Default: ${DEFAULT-VALUE}.")
    String influx;

    /** Probe event time (ms) → sensor, for probes inside the measurement window. */
    private final Map<String, Long> probes = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean consuming = new AtomicBoolean(true);

    public static void main(String[] args) {
        System.exit(new CommandLine(new JobLatencyBench()).execute(args)); // exit: the local cluster's non-daemon threads
    }

    @Override
    public Integer call() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String readings = "bench.readings." + id;
        String alarms = "bench.alarms." + id;
        String rules = "bench.rules." + id;
        String database = "hw_bench_" + id;
        Path dir = Files.createTempDirectory("job-latency-");
        Path registry = writeRegistry(dir);
        int restPort = freePort();
        StreamJobsConfig cfg = new StreamJobsConfig(kafka, readings, alarms, "bench-" + id, registry, influx, database,
                "thirty_days", 10_000, restPort, parallelism, rules, "four_hundred_days",
                bufferTimeoutMs >= 0 ? bufferTimeoutMs : StreamJobsConfig.DEFAULT_BUFFER_TIMEOUT_MS,
                StreamJobsConfig.checkpointUri(dir.resolve("checkpoints").toString()))
                .withInfluxLogin(influxLogin());
        createTopics(List.of(new NewTopic(readings, parallelism, (short) 1), topic(alarms), topic(rules)));
        JobClient job = null;
        LocalJobs jobs = null;
        Thread consumer = null;
        Thread sampler = null;
        try {
            Configuration conf = LocalMain.localCluster(cfg);
            // the REST API's metrics are refreshed every 10 s by default: too coarse for the throughput window
            conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(200));
            jobs = LocalJobs.start(conf, cfg);
            job = jobs.detection();
            String detection = FlinkRest.awaitVertex(restPort, job, "detection");
            consumer = new Thread(() -> readAlarms(alarms), "alarms-reader");
            consumer.start();

            String jobVertex = detection;
            JobClient running = job;
            sampler = new Thread(() -> sample(restPort, running, jobVertex), "records-sampler");
            sampler.start();

            long[] window = new long[4];
            long sent = feed(readings, restPort, job, detection, window);
            long caughtUpMs = awaitCaughtUp(window[1], sent, 60_000);
            Thread.sleep(3_000); // the last probes' alarms
            consuming.set(false);
            consumer.join(10_000);
            sampler.join(10_000);

            double processed = (recordsAt(window[1]) - recordsAt(window[0])) * 1000.0 / (window[1] - window[0]);
            report(sent, processed, sent, caughtUpMs);
        } finally {
            consuming.set(false);
            if (jobs != null) {
                jobs.close();
            }
            deleteTopics(List.of(readings, alarms, rules));
            try (InfluxDB db = InfluxPointSink.connect(influx, influxLogin())) {
                db.query(new Query("DROP DATABASE " + database));
            }
        }
        return 0;
    }

    /**
     * Sends at {@code rate} for warm-up + measurement; window = {measurement start, measurement end (the end of
     * the feed), unused, readings sent}. Returns the readings sent.
     */
    private long feed(String topic, int restPort, JobClient job, String detection, long[] window) throws Exception {
        Properties props = KafkaClientAuth.fromEnvironment().addTo(new Properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Random random = new Random(42);
        long sent = 0;
        int next = 0;
        long nextProbe = 0;
        int stride = sensors % 7 != 0 ? 7 : sensors % 11 != 0 ? 11 : 13;
        int probeSensor = 0;
        long begin = System.currentTimeMillis();
        long measureFrom = begin + warmup * 1000L;
        long end = measureFrom + seconds * 1000L;
        boolean measuring = false;
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            while (true) {
                long now = System.currentTimeMillis();
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    measureFrom = now;
                }
                if (now >= end) {
                    break;
                }
                long due = (now - begin) * rate / 1000;
                while (sent < due) {
                    int sensor;
                    double value;
                    if (now >= nextProbe) {
                        // an extra reading of the next sensor to probe; its own next reading clears the alarm
                        sensor = probeSensor;
                        value = PROBE;
                        probeSensor = (probeSensor + stride) % sensors; // stride and sensor count coprime: all differ
                        nextProbe = now + PROBE_EVERY_MS;
                        if (measuring) {
                            probes.put(sensorId(sensor) + "@" + now, now);
                        }
                    } else {
                        sensor = next;
                        next = (next + 1) % sensors;
                        value = BASELINE + random.nextGaussian() * 0.2;
                    }
                    Instant at = Instant.ofEpochMilli(now);
                    String device = deviceId(sensor);
                    String name = sensorId(sensor);
                    Reading reading = new Reading(Reading.SCHEMA, "bench", device, name, SensorType.COMBUSTIBLE_GAS,
                            value, "%LEL", at, at);
                    producer.send(new ProducerRecord<>(topic, "bench/" + device + "/" + name, Json.toBytes(reading)));
                    sent++;
                }
                Thread.sleep(1);
            }
            producer.flush();
        }
        window[0] = measureFrom;
        window[1] = end;
        window[3] = sent;
        return sent;
    }

    private void readAlarms(String topic) {
        Properties props = KafkaClientAuth.fromEnvironment().addTo(new Properties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consuming.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    AlarmEvent event = Json.fromBytes(record.value(), AlarmEvent.class);
                    if (!AlarmEvent.THRESHOLD.equals(event.alarmType()) || event.transition() != AlarmTransition.RAISED) {
                        continue;
                    }
                    Long probe = probes.remove(event.sensor() + "@" + event.eventTime().toEpochMilli());
                    if (probe != null) {
                        latencies.add(record.timestamp() - probe);
                    }
                }
            }
        }
    }

    private void report(long sent, double processed, long total, long caughtUpMs) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int measured = sorted.size();
        int missing = probes.size();
        System.out.println();
        System.out.println("| offered readings/s | sensors | parallelism | measured | processed readings/s "
                + "| probes | p50 event→alarm | p99 | max | caught up after the feed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d s (after %d s warm-up) | %.0f | %d (%d without alarm) "
                        + "| %s | %s | %s | %s |%n",
                rate, sensors, parallelism, seconds, warmup, processed, measured + missing, missing,
                ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)),
                ms(sorted.isEmpty() ? -1 : sorted.get(measured - 1)),
                caughtUpMs < 0 ? "not within 60 s" : caughtUpMs + " ms");
        System.out.println();
        System.out.println("RESULT offered=" + rate + " sent=" + sent + " total=" + total
                + String.format(Locale.ROOT, " processed=%.0f", processed) + " probes=" + (measured + missing)
                + " missing=" + missing + " p50=" + percentile(sorted, 0.50) + " p99=" + percentile(sorted, 0.99));
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String ms(long value) {
        return value < 0 ? "–" : value + " ms";
    }

    /** (wall-clock ms, records read by the detection operator), every 250 ms while the bench runs. */
    private final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());

    private void sample(int restPort, JobClient job, String vertexId) {
        while (consuming.get()) {
            try {
                long value = FlinkRest.readRecords(restPort, job, vertexId);
                samples.add(new long[] {System.currentTimeMillis(), value});
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("metrics: " + e);
            }
        }
    }

    /** The records read at wall-clock time {@code t}, interpolated between the samples around it. */
    private long recordsAt(long t) {
        List<long[]> copy = new ArrayList<>(samples);
        long[] before = null;
        for (long[] s : copy) {
            if (s[0] <= t) {
                before = s;
            } else {
                if (before == null) {
                    return s[1];
                }
                return before[1] + (s[1] - before[1]) * (t - before[0]) / Math.max(1, s[0] - before[0]);
            }
        }
        return before == null ? 0 : before[1];
    }

    /** Waits until the detection operator has read every reading sent; ms after the feed ended, or -1. */
    private long awaitCaughtUp(long feedEnd, long total, long timeoutMs) throws InterruptedException {
        while (System.currentTimeMillis() - feedEnd < timeoutMs) {
            List<long[]> copy = new ArrayList<>(samples);
            if (!copy.isEmpty() && copy.get(copy.size() - 1)[1] >= total) {
                for (long[] s : copy) {
                    if (s[1] >= total) {
                        return Math.max(0, s[0] - feedEnd);
                    }
                }
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private Path writeRegistry(Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                enterprises:
                  - id: bench
                    name: Job latency bench
                    gridCell: grid-1
                    devices:
                """);
        for (int d = 0; d * 10 < sensors; d++) {
            yaml.append("      - id: ").append(deviceId(d * 10)).append("\n        sensors:\n");
            for (int s = d * 10; s < Math.min(sensors, d * 10 + 10); s++) {
                yaml.append("          - {id: ").append(sensorId(s)).append(", type: COMBUSTIBLE_GAS}\n");
            }
        }
        return Files.writeString(dir.resolve("registry.yaml"), yaml);
    }

    private static String deviceId(int sensor) {
        return String.format(Locale.ROOT, "dev-%04d", sensor / 10);
    }

    private static String sensorId(int sensor) {
        return String.format(Locale.ROOT, "lel-%05d", sensor);
    }

    private static NewTopic topic(String name) {
        return new NewTopic(name, 1, (short) 1);
    }

    private void createTopics(List<NewTopic> topics) throws Exception {
        List<NewTopic> appendTime = topics.stream()
                .map(t -> t.configs(Map.of("message.timestamp.type", "LogAppendTime"))).toList();
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(appendTime).all().get(30, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = KafkaClientAuth.fromEnvironment().addTo(new java.util.HashMap<String, Object>());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        return config;
    }

    private void deleteTopics(List<String> names) {
        try (Admin admin = Admin.create(adminConfig())) {
            admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete topics " + names + ": " + e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code HW_INFLUX_USERNAME} + {@code HW_INFLUX_PASSWORD_FILE} (issue 16): an admin's, it makes its database. */
    private static InfluxCredentials influxLogin() {
        return InfluxCredentials.from(Settings.load(null), "influx");
    }
}
