package io.hazardwatch.ingest.guard;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrafficShapingOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.impl.MqttServerImpl;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;

/**
 * The TCP server inside a Vert.x MQTT server, with the {@link SocketGuard} in front of its new sockets: Vert.x MQTT
 * offers no hook between the TCP accept and the CONNECT. Put in place by reflection, checked at class load, so a
 * Vert.x upgrade that moves the field fails at start-up, not under attack.
 */
final class GuardedNetServer implements NetServer {

    private static final Field SERVER;

    static {
        try {
            SERVER = MqttServerImpl.class.getDeclaredField("server");
            SERVER.setAccessible(true);
            if (!NetServer.class.equals(SERVER.getType())) {
                throw new IllegalStateException("MqttServerImpl.server is a " + SERVER.getType());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("cannot reach the TCP server of Vert.x MQTT servers: " + e);
        }
    }

    private final NetServer delegate;
    private final SocketGuard guard;

    private GuardedNetServer(NetServer delegate, SocketGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    static void install(MqttServer server, SocketGuard guard) {
        try {
            SERVER.set(server, new GuardedNetServer((NetServer) SERVER.get(server), guard));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public NetServer connectHandler(Handler<NetSocket> handler) {
        delegate.connectHandler(handler == null ? null : socket -> guard.admit(socket, handler));
        return this;
    }

    @Override
    public Handler<NetSocket> connectHandler() {
        return delegate.connectHandler();
    }

    @Override
    public Future<NetServer> listen() {
        return delegate.listen().map(this);
    }

    @Override
    public Future<NetServer> listen(SocketAddress localAddress) {
        return delegate.listen(localAddress).map(this);
    }

    @Override
    public Future<NetServer> listen(int port, String host) {
        return delegate.listen(port, host).map(this);
    }

    @Override
    public NetServer exceptionHandler(Handler<Throwable> handler) {
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public Future<Void> close() {
        return delegate.close();
    }

    @Override
    public Future<Void> shutdown(long timeout, TimeUnit unit) {
        return delegate.shutdown(timeout, unit);
    }

    @Override
    public int actualPort() {
        return delegate.actualPort();
    }

    @Override
    public Future<Boolean> updateSSLOptions(ServerSSLOptions options, boolean force) {
        return delegate.updateSSLOptions(options, force);
    }

    @Override
    public Future<Boolean> updateTrafficShapingOptions(TrafficShapingOptions options) {
        return delegate.updateTrafficShapingOptions(options);
    }

    @Override
    public boolean isMetricsEnabled() {
        return delegate.isMetricsEnabled();
    }
}
