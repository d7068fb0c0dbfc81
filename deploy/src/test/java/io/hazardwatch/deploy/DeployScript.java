package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a deploy/ script as an operator would (bash, with some environment of its own) and fails the test if it fails. */
public final class DeployScript {

    private static final int TIMEOUT_SECONDS = 120;

    private DeployScript() {
    }

    /** Runs {@code script args...} with {@code env} added; returns its output (stdout and stderr) once it exits 0. */
    public static String run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(script, env, false, TIMEOUT_SECONDS, args);
    }

    /**
     * As {@link #run(Path, Map, String...)}, within {@code timeoutSeconds}, and with {@code ownEnvironment} without
     * the HW_* variables this JVM was started with (the tests' shared Kafka and InfluxDB): the script then sees
     * only {@code env}'s, as on a machine of its own.
     */
    public static String run(Path script, Map<String, String> env, boolean ownEnvironment, int timeoutSeconds,
                             String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile("deploy-script", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
            builder.command().addAll(List.of(args));
            if (ownEnvironment) {
                builder.environment().keySet().removeIf(name -> name.startsWith("HW_"));
            }
            builder.environment().putAll(env);
            // to a file, not a pipe: the wait below stays bounded whatever the script leaves running
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            String command = script.getFileName() + " " + String.join(" ", args);
            assertThat(exited).as("%s ended within %d s:%n%s", command, timeoutSeconds, out).isTrue();
            assertThat(process.exitValue()).as("%s:%n%s", command, out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
