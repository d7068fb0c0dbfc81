package io.hazardwatch.simulator.mqtt;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * A lean MQTT publisher for load generation, on Netty's MQTT codec (plain TCP, MQTT 3.1.1 or 5, QoS 0/1,
 * publish only). Unlike Paho, which has threads per connection and writes every PUBLISH with its own
 * system call, all links share a few event-loop threads and each link writes the publishes that queued up
 * since its last turn with one flush. The load it offers a broker is the same protocol traffic; it only
 * costs the machine less, which matters when generator and broker share two cores.
 * <p>
 * {@link #publish} may be called from any thread; everything else runs on the link's event loop.
 */
public final class PipelinedLink implements MqttLink {

    private static final int KEEP_ALIVE_SECONDS = 60;

    private final LinkOptions options;
    private final EventLoopGroup group;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Map<Integer, CompletableFuture<Void>> awaitingAck = new HashMap<>();
    private final ArrayDeque<Outgoing> waitingForId = new ArrayDeque<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean up;
    private int nextId = 1;

    private record Outgoing(String topic, byte[] payload, int qos, CompletableFuture<Void> done) {
    }

    /**
     * Event-loop threads shared by many links (close them with {@code shutdownGracefully()} when done).
     */
    public static EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    public PipelinedLink(LinkOptions options, EventLoopGroup group) {
        if (!options.broker().startsWith("tcp://")) {
            throw new IllegalArgumentException("the pipelined load client speaks plain TCP only (tcp://host:port), not "
                    + options.broker());
        }
        this.options = options;
        this.group = group;
    }

    @Override
    public CompletableFuture<Void> connect() {
        URI uri = URI.create(options.broker());
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new Handler());
                    }
                })
                .connect(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        connected.completeExceptionally(new MqttFailure("cannot connect to " + options.broker() + ": "
                                + f.cause(), -1, f.cause()));
                    }
                });
        return connected;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!up) {
            done.completeExceptionally(new MqttFailure("not connected", -1, null));
            return done;
        }
        queue.add(new Outgoing(topic, payload, qos, done));
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos, BiConsumer<String, byte[]> handler) {
        return CompletableFuture.failedFuture(new MqttFailure("the pipelined load client only publishes", -1, null));
    }

    @Override
    public boolean isConnected() {
        return up;
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        up = false;
        ch.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false,
                MqttQoS.AT_MOST_ONCE, false, 0))).addListener(f -> ch.close());
        ch.closeFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /** Writes everything queued, then flushes once. On the event loop. */
    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        boolean wrote = false;
        Outgoing next;
        while ((next = queue.poll()) != null) {
            wrote |= write(ch, next);
        }
        if (wrote) {
            ch.flush();
        }
    }

    private boolean write(Channel ch, Outgoing out) {
        if (!ch.isActive()) {
            out.done.completeExceptionally(new MqttFailure("connection lost", -1, null));
            return false;
        }
        int id = 0;
        if (out.qos > 0) {
            id = freeId();
            if (id == 0) { // 65 535 messages await their PUBACK: wait for one
                waitingForId.add(out);
                return false;
            }
            awaitingAck.put(id, out.done);
        }
        ch.write(MqttMessageBuilders.publish().topicName(out.topic).qos(MqttQoS.valueOf(out.qos)).messageId(id)
                .payload(Unpooled.wrappedBuffer(out.payload)).build(), ch.voidPromise());
        if (out.qos == 0) {
            out.done.complete(null);
        }
        return true;
    }

    private int freeId() {
        for (int tries = 0; tries < 65_535; tries++) {
            int id = nextId;
            nextId = nextId == 65_535 ? 1 : nextId + 1;
            if (!awaitingAck.containsKey(id)) {
                return id;
            }
        }
        return 0;
    }

    private void failAll(String why) {
        up = false;
        MqttFailure failure = new MqttFailure(why, -1, null);
        awaitingAck.values().forEach(f -> f.completeExceptionally(failure));
        awaitingAck.clear();
        waitingForId.forEach(o -> o.done.completeExceptionally(failure));
        waitingForId.clear();
        Outgoing o;
        while ((o = queue.poll()) != null) {
            o.done.completeExceptionally(failure);
        }
        connected.completeExceptionally(failure);
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {

        /** The keep-alive timer; cancelled with the channel, or a fleet's reconnects would pile up timers. */
        private io.netty.util.concurrent.ScheduledFuture<?> pings;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                    .clientId(options.clientId())
                    .protocolVersion(options.version() == 5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                    .cleanSession(true)
                    .keepAlive(KEEP_ALIVE_SECONDS);
            if (options.username() != null) {
                connect.hasUser(true).username(options.username());
            }
            if (options.password() != null) {
                connect.hasPassword(true).password(options.password().getBytes(StandardCharsets.UTF_8));
            }
            ctx.writeAndFlush(connect.build());
            pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(
                    MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0))),
                    KEEP_ALIVE_SECONDS / 2, KEEP_ALIVE_SECONDS / 2, TimeUnit.SECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            if (msg.decoderResult().isFailure()) {
                failAll("undecodable packet from the broker: " + msg.decoderResult().cause());
                ctx.close();
                return;
            }
            switch (msg.fixedHeader().messageType()) {
                case CONNACK -> connAck((MqttConnAckMessage) msg, ctx);
                case PUBACK -> pubAck(msg);
                default -> { } // PINGRESP, DISCONNECT (then the channel closes)
            }
        }

        private void connAck(MqttConnAckMessage msg, ChannelHandlerContext ctx) {
            MqttConnectReturnCode code = msg.variableHeader().connectReturnCode();
            if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                up = true;
                connected.complete(null);
            } else {
                connected.completeExceptionally(new MqttFailure("CONNECT refused: " + code, code.byteValue() & 0xFF, null));
                ctx.close();
            }
        }

        private void pubAck(MqttMessage msg) {
            int id;
            int reason = 0;
            if (msg.variableHeader() instanceof MqttPubReplyMessageVariableHeader v5) {
                id = v5.messageId();
                reason = v5.reasonCode() & 0xFF;
            } else {
                id = ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
            }
            CompletableFuture<Void> done = awaitingAck.remove(id);
            if (done != null) {
                if (reason >= 0x80) {
                    done.completeExceptionally(new MqttFailure("PUBACK reason code 0x" + Integer.toHexString(reason),
                            reason, null));
                } else {
                    done.complete(null);
                }
            }
            if (!waitingForId.isEmpty()) {
                Channel ch = channel;
                boolean wrote = false;
                while (!waitingForId.isEmpty() && awaitingAck.size() < 65_535) {
                    wrote |= write(ch, waitingForId.poll());
                }
                if (wrote) {
                    ch.flush();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (pings != null) {
                pings.cancel(false);
            }
            failAll("connection closed by " + options.broker());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failAll("connection error: " + cause);
            ctx.close();
        }
    }
}
