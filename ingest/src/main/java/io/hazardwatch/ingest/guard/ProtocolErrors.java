package io.hazardwatch.ingest.guard;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's last word on an exception nobody handled. A client that sends MQTT packets before its CONNECT, or bytes
 * that are no MQTT packet, makes Vert.x MQTT throw before the gateway has an endpoint for it: without this, each such
 * client became an ERROR line (13 000 of them under the attack suite's fuzzing). That is the client's mistake, and
 * its connection is closed anyway: summed up in one line per 10 s at most. Anything else is logged as the error it is.
 */
public final class ProtocolErrors implements Handler<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrors.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final LongAdder count = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile String last = "";

    /** Becomes the exception handler of every context {@code vertx} creates from now on. */
    public static void install(Vertx vertx) {
        vertx.exceptionHandler(new ProtocolErrors());
    }

    @Override
    public void handle(Throwable failure) {
        if (!isClientsMistake(failure)) {
            LOG.error("unhandled exception", failure);
            return;
        }
        count.increment();
        last = String.valueOf(failure.getMessage());
        long now = System.nanoTime();
        long before = lastLog.get();
        if (now - before >= LOG_EVERY_NANOS && lastLog.compareAndSet(before, now)) {
            LOG.warn("{} MQTT connections sent packets that break the protocol (before CONNECT, or not MQTT at all) "
                    + "and were closed; the last: {}", count.sumThenReset(), last);
        }
    }

    /** Vert.x MQTT names these only in its messages: a packet before CONNECT, an undecodable packet or reason code. */
    static boolean isClientsMistake(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return failure instanceof DecoderException
                || message.contains("not connected client")
                || message.startsWith("unknown ") && message.contains("reason code");
    }
}
