package io.hazardwatch.ingest.kafka;

import io.hazardwatch.model.config.ConfigException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.internals.ByteBufferOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codec of the readings producer ({@code kafka.compression}), tried on this host before the gateway takes a
 * reading.
 *
 * <p>zstd (the default) and snappy are native libraries that zstd-jni and snappy-java unpack into the temp directory
 * and load on first use. On a host whose temp directory is mounted {@code noexec} (common hardening) that load fails
 * with an {@link Error} inside {@code KafkaProducer.send}, on the thread that hands readings to Kafka: every reading
 * would go unacknowledged while the gateway still looked alive. So the codec compresses a sample here first, through
 * the same Kafka code the producer uses. A codec the operator named that fails stops start-up, naming the setting
 * and the cause; the default falls back to lz4 (Kafka's lz4 runs in pure Java where its native part is missing)
 * with one warning: a gateway whose batches are a little larger is better than one that does not start.
 */
public final class ProducerCompression {

    public static final String KEY = "kafka.compression";
    public static final String DEFAULT = "zstd";
    static final String FALLBACK = "lz4";
    public static final Set<String> CODECS = Set.of("none", "lz4", "zstd", "snappy", "gzip");

    private static final Logger LOG = LoggerFactory.getLogger(ProducerCompression.class);

    private ProducerCompression() {
    }

    /**
     * The codec to use: {@code configured} (blank when the operator set none) if it works here, else the
     * default's fallback or a {@link ConfigException} naming {@link #KEY}.
     */
    public static String choose(String configured) {
        return choose(configured, ProducerCompression::unusable);
    }

    static String choose(String configured, Function<String, Optional<String>> unusable) {
        boolean named = configured != null && !configured.isBlank();
        String codec = named ? configured.trim() : DEFAULT;
        if (!CODECS.contains(codec)) {
            throw new ConfigException(KEY + ": '" + codec + "' is not one of none, lz4, zstd, snappy, gzip");
        }
        Optional<String> broken = unusable.apply(codec);
        if (broken.isEmpty()) {
            return codec;
        }
        if (named) {
            throw new ConfigException(KEY + ": '" + codec + "' does not work on this host (" + broken.get()
                    + "); choose another codec (lz4 needs no native library) or give the JVM a temp directory "
                    + "that allows executables (-Djava.io.tmpdir)");
        }
        Optional<String> fallbackBroken = unusable.apply(FALLBACK);
        if (fallbackBroken.isPresent()) {
            throw new ConfigException(KEY + ": neither the default '" + codec + "' (" + broken.get() + ") nor '"
                    + FALLBACK + "' (" + fallbackBroken.get() + ") works on this host; set " + KEY + "=none");
        }
        LOG.warn("{}: the default '{}' does not work on this host ({}); readings go to Kafka compressed with '{}'. "
                + "Set {} to silence this.", KEY, codec, broken.get(), FALLBACK, KEY);
        return FALLBACK;
    }

    /** Why {@code codec} cannot compress here (empty if it can): a sample written through Kafka's own codec. */
    static Optional<String> unusable(String codec) {
        byte[] sample = new byte[4096];
        Arrays.fill(sample, (byte) 'r');
        try (OutputStream out = Compression.of(codec).build()
                .wrapForOutput(new ByteBufferOutputStream(1024), (byte) 2)) {
            out.write(sample);
            return Optional.empty();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // LinkageError (native library not loadable), or a codec's own failure
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause(); // Kafka wraps the library's Error in a KafkaException
            }
            return Optional.of(root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
