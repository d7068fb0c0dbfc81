package io.hazardwatch.simulator.attack;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.mqtt.PipelinedLink;
import io.hazardwatch.simulator.report.LatencyHistogram;
import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Legitimate devices beside the attack: N connections of the gateway login (the simulator's Netty client), each with
 * exactly one reading in flight, the next sent at its PUBACK (closed loop). Their PUBACK latency goes into the
 * quiet histogram until {@link #attackBegins()}, then into the attacked one.
 */
final class LegitClients implements AutoCloseable {

    private final AttackTarget target;
    private final EventLoopGroup loops = PipelinedLink.newGroup(1);
    private final List<MqttLink> links = new ArrayList<>();
    private final LatencyHistogram quiet = new LatencyHistogram();
    private final LatencyHistogram attacked = new LatencyHistogram();
    private final AtomicReference<LatencyHistogram> current = new AtomicReference<>(quiet);
    private final LongAdder failed = new LongAdder();
    private volatile boolean running = true;

    LegitClients(AttackTarget target) {
        this.target = target;
    }

    /** Connects {@code count} clients (waits up to 30 s) and starts their loops; returns how many connected. */
    int start(int count) {
        List<CompletableFuture<Void>> connecting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MqttLink link = new PipelinedLink(LinkOptions.of("tcp://" + target.host() + ":" + target.mqttPort(), 5,
                    LinkOptions.clientId("legit" + i), target.gateway().username(), target.gateway().password())
                    .withInflight(1), loops);
            links.add(link);
            connecting.add(link.connect().thenRun(() -> publishNext(link)));
        }
        try {
            CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // counted below: a client that did not connect does not publish
        }
        return (int) links.stream().filter(MqttLink::isConnected).count();
    }

    private void publishNext(MqttLink link) {
        if (!running || !link.isConnected()) {
            return;
        }
        byte[] payload = Json.toBytes(DeviceMessage.reading(target.own().sensor(), 1 + Math.random(), null, Instant.now()));
        long sentAt = System.nanoTime();
        link.publish(target.own().mqttTopic(), payload, 1).whenComplete((v, err) -> {
            if (err == null) {
                current.get().recordNanos(System.nanoTime() - sentAt);
            } else {
                failed.increment();
            }
            publishNext(link);
        });
    }

    void attackBegins() {
        current.set(attacked);
    }

    LatencyHistogram quiet() {
        return quiet;
    }

    LatencyHistogram attacked() {
        return attacked;
    }

    long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        running = false;
        links.forEach(MqttLink::close);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
