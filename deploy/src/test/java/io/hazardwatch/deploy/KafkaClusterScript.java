package io.hazardwatch.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * deploy/cluster/kafka.sh driven from a test, on a state directory of the test's own (HW_CLUSTER_STATE): every
 * call is bounded, and a JVM shutdown hook takes the nodes down if the test never gets to {@link #down()}.
 */
final class KafkaClusterScript {

    private static final Path SCRIPT = Path.of("cluster/kafka.sh").toAbsolutePath();

    private final Path state;
    private final Thread downAtExit = new Thread(this::downQuietly, "kafka-cluster-down");

    KafkaClusterScript(Path state) {
        this.state = state;
        Runtime.getRuntime().addShutdownHook(downAtExit);
    }

    /** The client properties file of a principal (the script writes one per principal). */
    Path clientFile(String principal) {
        return state.resolve("secrets").resolve("kafka-" + principal + ".properties");
    }

    /** Runs {@code kafka.sh ARGS} within {@code seconds}; returns its output, fails with it if the script failed. */
    String run(int seconds, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("HW_CLUSTER_STATE", state.toString());
        builder.environment().put("HW_KAFKA_AUTH", "on");
        Process process = builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        // the script's output is short; its background nodes write to their own logs, not to this pipe
        boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
            throw new IllegalStateException("kafka.sh " + String.join(" ", args) + " took over " + seconds + " s:\n" + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kafka.sh " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }

    void down() throws IOException, InterruptedException {
        run(90, "down");
        try {
            Runtime.getRuntime().removeShutdownHook(downAtExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway, and down is idempotent
        }
    }

    private void downQuietly() {
        try {
            run(90, "down");
        } catch (Exception e) {
            System.err.println("KafkaClusterScript: could not take the cluster down: " + e.getMessage());
        }
    }
}
