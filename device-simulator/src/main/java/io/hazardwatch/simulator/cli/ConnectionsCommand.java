package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.report.Table;
import io.hazardwatch.simulator.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code connections}: opens N idle MQTT 3.1.1 connections (logins from the scenario, round robin) with bounded
 * CONNECT concurrency, holds them for a while, and reports how many the broker accepted. Uses Vert.x's MQTT
 * client: Paho needs several threads per connection, which does not scale to tens of thousands.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Hold many idle MQTT connections (connection-scale benchmark).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all connected", "1:some did not connect", "2:bad option or scenario file"})
final class ConnectionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Option(names = "--count", required = true, paramLabel = "N")
    int count;

    @Option(names = "--connect-concurrency", defaultValue = "16", paramLabel = "N")
    int concurrency;

    @Option(names = "--hold", defaultValue = "10", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    long holdSeconds;

    @Option(names = "--keep-alive", defaultValue = "120", paramLabel = "SECONDS")
    int keepAlive;

    @Override
    public Integer call() throws InterruptedException {
        Checks.positive(spec, "--count", count);
        Checks.positive(spec, "--connect-concurrency", concurrency);
        Checks.positive(spec, "--hold", holdSeconds);
        Scenario scenario = scenarioOptions.load();
        URI uri = URI.create(scenario.broker());
        if (!"tcp".equals(uri.getScheme())) {
            throw Checks.bad(spec, "--broker", "connections supports tcp:// only, was " + scenario.broker());
        }
        PrintWriter out = spec.commandLine().getOut();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<MqttClient> clients = new ArrayList<>();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
        try {
            for (int i = 0; i < count; i++) {
                Scenario.Enterprise e = scenario.enterprises().get(i % scenario.enterprises().size());
                MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                        .setClientId(String.format(Locale.ROOT, "idle-%06d", i))
                        .setUsername(e.username()).setPassword(e.password())
                        .setKeepAliveInterval(keepAlive).setAutoKeepAlive(true).setCleanSession(true));
                clients.add(client);
                inFlight.acquire();
                Future<?> f = client.connect(uri.getPort(), uri.getHost());
                f.onComplete(ar -> {
                    inFlight.release();
                    if (ar.succeeded()) {
                        connected.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, String.valueOf(ar.cause()));
                    }
                    done.countDown();
                });
                if (System.nanoTime() > nextProgress) {
                    out.printf(Locale.ROOT, "connecting: %d connected, %d failed%n", connected.get(), failed.get());
                    out.flush();
                    nextProgress += TimeUnit.SECONDS.toNanos(5);
                }
            }
            done.await(120, TimeUnit.SECONDS);
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "connected %d of %d in %.1f s; holding %d s%n", connected.get(), count, connectSeconds, holdSeconds);
            out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            long stillUp = clients.stream().filter(MqttClient::isConnected).count();
            out.print(new Table("requested", "connected", "failed", "still up after hold", "connect s", "rate /s")
                    .row(count, connected.get(), failed.get(), stillUp, String.format(Locale.ROOT, "%.1f", connectSeconds),
                            String.format(Locale.ROOT, "%.0f", connected.get() / connectSeconds)));
            out.printf(Locale.ROOT, "RESULT requested=%d connected=%d failed=%d still_up=%d connect_s=%.1f%s%n", count,
                    connected.get(), failed.get(), stillUp, connectSeconds,
                    firstError.get() == null ? "" : " first_error=\"" + firstError.get() + "\"");
            out.flush();
            return stillUp == count ? 0 : 1;
        } finally {
            CountDownLatch closed = new CountDownLatch(1);
            vertx.close().onComplete(v -> closed.countDown());
            closed.await(20, TimeUnit.SECONDS);
        }
    }
}
