package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service started the way deploy/run-local.sh starts it — its own JVM, its module's packaged runtime class
 * path ({@code target/classes} + {@code target/classpath.txt}), deploy/config/local.properties with HW_*
 * overrides — says it is ready in its log and stops on SIGTERM. The in-process tests use the test class path,
 * which has things (a logging backend, say) the packaged one can lack: a gateway whose log stayed empty in the
 * one-machine stack was found that way.
 */
@Timeout(180)
class ServiceProcessesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration READY = Duration.ofSeconds(60);
    /** What log4j-api prints when no log4j-core is there: every later log line is dropped. */
    private static final String NO_LOGGING = "Log4j API could not find a logging provider";

    @TempDir
    Path dir;

    @Test
    void theIngestGatewayLogsThatItIsReadyAndThatItStops() throws Exception {
        int mqtt = FreePort.find();
        try (Service gateway = Service.start(dir, "ingest", "io.hazardwatch.ingest.Main", Map.of(
                "HW_MQTT_PORT", Integer.toString(mqtt), "HW_HTTP_PORT", Integer.toString(FreePort.find()),
                "HW_TOPIC_READINGS", KafkaTestTopics.create("proc.readings", 1),
                "HW_TOPIC_DEADLETTER", KafkaTestTopics.create("proc.deadletter", 1),
                "HW_TOPIC_DEVICE_STATUS", KafkaTestTopics.create("proc.device-status", 1)))) {
            gateway.awaitLine("INFO  Main - ingest gateway ready: MQTT on 127.0.0.1:" + mqtt, READY);
            gateway.stopAndAwaitLine("INFO  IngestApp - shutdown: done");
        }
    }

    @Test
    void theAlertServiceLogsThatItIsReadyAndThatItStops() throws Exception {
        int http = FreePort.find();
        try (Service alerts = Service.start(dir, "alert-service", "io.hazardwatch.alerts.Main", Map.of(
                "HW_ALERT_HTTP_PORT", Integer.toString(http),
                "HW_TOPIC_ALARMS", KafkaTestTopics.create("proc.alarms", 1),
                "HW_TOPIC_INCIDENT_STATE", KafkaTestTopics.create("proc.incident-state", 1),
                "HW_TOPIC_INCIDENT_EVENTS", KafkaTestTopics.create("proc.incident-events", 1),
                "HW_INFLUX_DATABASE", "proc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)))) {
            alerts.awaitLine("INFO  Main - alert service ready: live alarm board at http://127.0.0.1:" + http + "/", READY);
            alerts.stopAndAwaitLine("INFO  Main - alert service stopped");
        }
    }

    @Test
    void theLocalDetectionJobLogsWhereItStartsFrom() throws Exception {
        // each job has a subdirectory of checkpoint.dir; the detection job's line comes first
        Path checkpoints = dir.resolve("checkpoints");
        try (Service job = Service.start(dir, "stream-jobs", "io.hazardwatch.streamjobs.app.LocalMain", Map.of(
                "HW_FLINK_REST_PORT", Integer.toString(FreePort.find()),
                "HW_CHECKPOINT_DIR", checkpoints.toString(),
                "HW_TOPIC_READINGS", KafkaTestTopics.create("proc.job-readings", 1),
                "HW_TOPIC_ALARMS", KafkaTestTopics.create("proc.job-alarms", 1),
                "HW_TOPIC_RULES", KafkaTestTopics.create("proc.rules", 1),
                "HW_TOPIC_HEARTBEATS", KafkaTestTopics.create("proc.heartbeats", 1),
                "HW_STREAM_GROUP_ID", "proc-" + UUID.randomUUID()))) {
            job.awaitLine("INFO  LocalMain - no checkpoint in " + checkpoints, READY);
        }
    }

    /** One service's JVM, its stdout and stderr going to a log file as in deploy/run-local.sh. */
    private static final class Service implements AutoCloseable {

        private final String module;
        private final Process process;
        private final Path log;

        private Service(String module, Process process, Path log) {
            this.module = module;
            this.process = process;
            this.log = log;
        }

        static Service start(Path dir, String module, String mainClass, Map<String, String> overrides)
                throws IOException {
            Path target = ROOT.resolve(module).resolve("target");
            String classPath = target.resolve("classes") + ":" + Files.readString(target.resolve("classpath.txt")).trim();
            Path log = dir.resolve(module + ".log");
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-cp", classPath, mainClass,
                    "deploy/config/local.properties").directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("HW_"));
            env.put("HW_KAFKA_BOOTSTRAP", TestEnv.kafkaBootstrap());
            env.put("HW_INFLUX_URL", TestEnv.influxUrl());
            env.putAll(overrides);
            return new Service(module, builder.start(), log);
        }

        void awaitLine(String text, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (String out = output(); !out.contains(text); out = output()) {
                if (out.contains(NO_LOGGING)) {
                    throw failure("has no logging backend on its class path");
                }
                if (!process.isAlive()) {
                    if (output().contains(text)) { // written just before it exited
                        break;
                    }
                    throw failure("exited (status " + process.exitValue() + ") without logging '" + text + "'");
                }
                if (System.nanoTime() > deadline) {
                    throw failure("did not log '" + text + "' within " + timeout);
                }
                Thread.sleep(100);
            }
            assertThat(output()).as(module + " output").doesNotContain(NO_LOGGING);
        }

        private String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        private AssertionError failure(String what) throws IOException {
            return new AssertionError(module + " " + what + "; its output:\n" + output());
        }

        /** SIGTERM, as deploy/run-local.sh down sends it. */
        void stopAndAwaitLine(String text) throws Exception {
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(module + " exits within 60 s of SIGTERM").isTrue();
            awaitLine(text, Duration.ZERO);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.toHandle().destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
