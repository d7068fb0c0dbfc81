package io.hazardwatch.ingest.guard;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sockets of the MQTT listeners until they log in. A new socket is counted against the caps of connections not yet
 * authenticated, in total and per source address (beyond them it is closed at once), and closed if no CONNECT arrives
 * within the connect timeout. It stops counting when its CONNECT is accepted, or when it closes. Vert.x's own CONNECT
 * timeout only closes a socket that sends nothing for that long: one byte now and then would keep it open; this
 * deadline counts from the TCP accept. Closed sockets are counted in a metric (hazardwatch_ingest_connections_refused
 * by reason) and summed up in one log line per 10 s at most, never a line per socket.
 */
public final class SocketGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SocketGuard.class);
    private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("hazardwatch-unauthenticated");
    static final long LOG_EVERY_MS = 10_000;

    /** Metric reasons of a socket closed before it logged in. */
    public static final String TIMED_OUT = "connect_timeout";
    public static final String TOTAL_FULL = "unauthenticated_full";
    public static final String ADDRESS_FULL = "unauthenticated_address_full";

    private static final class Pending {
        final String address;
        boolean connectSeen;
        ScheduledFuture<?> timeout;

        Pending(String address) {
            this.address = address;
        }
    }

    private final Vertx vertx;
    private final UnauthenticatedCount count;
    private final long connectTimeoutNanos;
    private final Consumer<String> refused;
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder totalFull = new LongAdder();
    private final LongAdder addressFull = new LongAdder();
    private final AtomicBoolean logScheduled = new AtomicBoolean();
    private volatile String lastAddressFull = "";

    /** {@code refused} counts a closed socket in the metrics, by reason. */
    public SocketGuard(Vertx vertx, Duration connectTimeout, int maxUnauthenticated, int maxPerAddress,
                       Consumer<String> refused) {
        this.vertx = vertx;
        this.count = new UnauthenticatedCount(maxUnauthenticated, maxPerAddress);
        this.connectTimeoutNanos = connectTimeout.toNanos();
        this.refused = refused;
    }

    /** Puts the guard in front of an MQTT server's new sockets. Call before it listens. */
    public void guard(MqttServer server) {
        GuardedNetServer.install(server, this);
    }

    /** Sockets counted now, not logged in yet. */
    public int unauthenticated() {
        return count.total();
    }

    /** A CONNECT arrived: the connect timeout no longer applies (its login may wait in the slow lane). */
    public void connectArrived(Channel channel) {
        Pending p = channel.attr(PENDING).get();
        if (p != null) {
            p.connectSeen = true;
            p.timeout.cancel(false);
        }
    }

    /** The CONNECT was accepted: the connection no longer counts as unauthenticated. */
    public void authenticated(Channel channel) {
        release(channel);
    }

    /** Admits a new socket to {@code mqtt} (the server's handler), or closes it. On the socket's event loop. */
    void admit(NetSocket socket, Handler<NetSocket> mqtt) {
        String address = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        UnauthenticatedCount.Admission admission = count.enter(address);
        if (admission != UnauthenticatedCount.Admission.ADMITTED) {
            closed(admission == UnauthenticatedCount.Admission.TOTAL_FULL ? TOTAL_FULL : ADDRESS_FULL, address);
            socket.close();
            return;
        }
        Channel channel = ((NetSocketInternal) socket).channelHandlerContext().channel();
        Pending p = new Pending(address);
        p.timeout = channel.eventLoop().schedule(() -> {
            if (!p.connectSeen && channel.attr(PENDING).get() == p) {
                closed(TIMED_OUT, address);
                channel.close();
            }
        }, connectTimeoutNanos, TimeUnit.NANOSECONDS);
        channel.attr(PENDING).set(p);
        channel.closeFuture().addListener(f -> release(channel));
        mqtt.handle(socket);
    }

    private void release(Channel channel) {
        Pending p = channel.attr(PENDING).getAndSet(null);
        if (p != null) {
            p.timeout.cancel(false);
            count.leave(p.address);
        }
    }

    private void closed(String reason, String address) {
        refused.accept(reason);
        switch (reason) {
            case TIMED_OUT -> timedOut.increment();
            case TOTAL_FULL -> totalFull.increment();
            default -> {
                addressFull.increment();
                lastAddressFull = address;
            }
        }
        if (logScheduled.compareAndSet(false, true)) {
            vertx.setTimer(LOG_EVERY_MS, id -> logClosed());
        }
    }

    private void logClosed() {
        logScheduled.set(false);
        LOG.warn("closed sockets that had not logged in, in the last {} s: {} sent no CONNECT within {} s "
                        + "(mqtt.connect-timeout-seconds), {} found {} connections not yet logged in "
                        + "(mqtt.max-unauthenticated), {} found {} from their address (mqtt.max-unauthenticated-per-"
                        + "address; last from {})", LOG_EVERY_MS / 1000, timedOut.sumThenReset(),
                TimeUnit.NANOSECONDS.toSeconds(connectTimeoutNanos), totalFull.sumThenReset(), count.maxTotal(),
                addressFull.sumThenReset(), count.maxPerAddress(), lastAddressFull);
    }
}
