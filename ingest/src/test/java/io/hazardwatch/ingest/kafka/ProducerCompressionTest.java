package io.hazardwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The readings producer's codec is tried on the host before the gateway takes a reading: where zstd's native library
 * cannot load (a temp directory mounted noexec), every {@code KafkaProducer.send} would throw and no reading would be
 * acknowledged while the gateway looked alive.
 */
class ProducerCompressionTest {

    @Test
    void everyCodecCompressesOnThisHostAndTheDefaultIsZstd() {
        for (String codec : ProducerCompression.CODECS) {
            assertThat(ProducerCompression.unusable(codec)).as(codec).isEmpty();
        }
        assertThat(ProducerCompression.choose("")).isEqualTo("zstd");
        assertThat(ProducerCompression.choose("gzip")).isEqualTo("gzip");
        assertThatThrownBy(() -> ProducerCompression.choose("brotli")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.compression: 'brotli' is not one of");
    }

    /**
     * A JVM of its own whose zstd library cannot load (zstd-jni's own override pointed at no file), running
     * {@link Probe}: the default falls back to lz4 with a warning naming the cause; zstd named by the operator stops
     * start-up naming the setting.
     */
    @Test
    void whereZstdCannotLoadTheDefaultFallsBackToLz4AndANamedZstdStopsStartup() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DZstdNativePath=/nonexistent/libzstd-jni.so",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(output).contains("default: lz4")
                .contains("WARN", "kafka.compression: the default 'zstd' does not work on this host "
                        + "(UnsatisfiedLinkError: Can't load library: /nonexistent/libzstd-jni.so); "
                        + "readings go to Kafka compressed with 'lz4'")
                .contains("named: kafka.compression: 'zstd' does not work on this host")
                .doesNotContain("\tat "); // one line, no stack trace
    }

    @Test
    void theDefaultStopsStartupOnlyIfTheFallbackFailsToo() {
        assertThat(ProducerCompression.choose("", codec -> codec.equals("zstd")
                ? Optional.of("UnsatisfiedLinkError: x") : Optional.empty())).isEqualTo("lz4");
        assertThatThrownBy(() -> ProducerCompression.choose("", codec -> Optional.of("broken")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("kafka.compression: neither the default 'zstd' (broken) nor 'lz4' (broken) works on this "
                        + "host; set kafka.compression=none");
    }

    /** Run in the forked JVM: what the gateway's start-up would choose, printed. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("default: " + ProducerCompression.choose(""));
            try {
                System.out.println("named: " + ProducerCompression.choose("zstd"));
            } catch (ConfigException e) {
                System.out.println("named: " + e.getMessage());
            }
        }
    }
}
