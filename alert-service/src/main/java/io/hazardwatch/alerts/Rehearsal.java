package io.hazardwatch.alerts;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * A standby's rehearsal (issue 18): the whole service started once on a throwaway Vert.x, one made-up level-2 alarm
 * taken through it — incident, escalation, messages, board, grading, InfluxDB marks — and the service stopped again.
 * A takeover under load had its event loop blocked for seconds by code running for the first time (class loading
 * and initialisation, lambda and string-concatenation linking, the HTTP client, the MAC of acknowledge links); after
 * the rehearsal, an election runs code that has run before.
 *
 * <p>What keeps it from touching anything real: the store keeps nothing and loads an empty state; the alarm source
 * is this class; there is no watchdog and no dead-letter feed (no Kafka client is made); every HTTP request the
 * providers and dispatch make goes through a client whose proxy is a local sink, and InfluxDB is that sink too; the
 * API listens on a free port; the Vert.x with every timer and server is closed at the end. Its log lines (on its
 * own threads) begin with "[rehearsal]".
 */
public final class Rehearsal {

    /** What the rehearsal did: the routes its service served (as {@link AlertServiceApp#routes()}), the messages its providers sent to the sink. */
    public record Outcome(List<String> routes, int messages) {
    }

    /** The log key {@code %X{rehearsal}} of the service's log pattern. */
    static final String LOG_KEY = "rehearsal";
    private static final Duration STEP = Duration.ofSeconds(30);
    /** How long the made-up alarm's first messages are waited for before it is cleared. */
    private static final Duration MESSAGES = Duration.ofSeconds(10);

    private Rehearsal() {
    }

    public static Outcome run(AlertServiceConfig config) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                // a rehearsal on a busy machine may hold its one event loop a while: nothing else runs there
                .setMaxEventLoopExecuteTime(5).setMaxEventLoopExecuteTimeUnit(TimeUnit.MINUTES));
        try {
            await(vertx.executeBlocking(() -> mark()));
            Context context = vertx.getOrCreateContext();
            Promise<Void> marked = Promise.promise();
            context.runOnContext(v -> marked.complete(mark()));
            await(marked.future());
            AtomicInteger messages = new AtomicInteger();
            HttpServer sink = await(vertx.createHttpServer().requestHandler(request -> {
                if (request.method() == HttpMethod.CONNECT) { // an https provider: no tunnel, nothing leaves
                    request.response().setStatusCode(403).end();
                } else if (request.path().equals("/write")) { // the InfluxDB marks
                    request.response().setStatusCode(204).end();
                } else {
                    messages.incrementAndGet();
                    request.response().putHeader("content-type", "application/json").end("{}");
                }
            }).listen(0, "127.0.0.1"));
            AlertServiceConfig copy = config.withHttpPort(0).withInfluxUrl("http://127.0.0.1:" + sink.actualPort());
            Clock clock = Clock.systemUTC();
            WebClient toSink = WebClient.create(vertx, new WebClientOptions().setProxyOptions(new ProxyOptions()
                    .setType(ProxyType.HTTP).setHost("127.0.0.1").setPort(sink.actualPort())));
            AlertServiceApp.Outgoing outgoing = AlertServiceApp.outgoing(toSink, copy, clock);
            Source source = new Source();
            AlertServiceApp app = await(AlertServiceApp.start(vertx, copy, source, new Store(), outgoing.notifiers(),
                    outgoing.dispatch(), clock));
            await(app.loaded());
            List<SensorSpec> sensors = List.copyOf(Registry.load(copy.registryFile()).sensors());
            SensorSpec sensor = sensors.stream().filter(s -> s.thresholds().secondHigh() != null).findFirst()
                    .orElse(sensors.get(0));
            Instant raised = clock.instant();
            int before = messages.get();
            await(source.deliver(alarm(sensor, AlarmTransition.RAISED, raised, raised)));
            long until = System.nanoTime() + MESSAGES.toNanos();
            while (messages.get() == before && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            await(source.deliver(alarm(sensor, AlarmTransition.CLEARED, raised, clock.instant())));
            await(WebClient.create(vertx).get(app.httpPort(), "127.0.0.1", "/health").send());
            List<String> routes = app.routes();
            await(app.stop());
            return new Outcome(routes, messages.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Void mark() {
        MDC.put(LOG_KEY, "[rehearsal] ");
        return null;
    }

    /** A level-2 threshold alarm of {@code sensor} at its range's top (the made-up leak). */
    private static AlarmEvent alarm(SensorSpec sensor, AlarmTransition transition, Instant episode, Instant at) {
        return new AlarmEvent(AlarmEvent.SCHEMA, AlarmEvent.keyOf(sensor.key(), AlarmEvent.THRESHOLD),
                sensor.key().enterprise(), sensor.key().device(), sensor.key().sensor(), sensor.type(),
                AlarmEvent.THRESHOLD, transition == AlarmTransition.CLEARED ? AlarmLevel.NONE : AlarmLevel.SECOND,
                transition, sensor.rangeMax(), sensor.thresholds().secondHigh(), sensor.unit(), sensor.thresholdRuleId(),
                sensor.ruleVersion(), episode, at, at);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
    }

    /** The rehearsal's alarms: handed to the service exactly as the Kafka consumer hands them. */
    private static final class Source implements AlarmSource {
        private volatile State state = State.STARTING;
        private volatile Context context;
        private volatile Handler<AlarmRecord> handler;
        private long offset;

        @Override
        public Future<Void> start(Context context, Map<Integer, Long> from, Handler<AlarmRecord> handler) {
            this.context = context;
            this.handler = handler;
            state = State.LIVE;
            return Future.succeededFuture();
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public Future<Void> stop() {
            state = State.STOPPED;
            return Future.succeededFuture();
        }

        /** Completes once the service has handled {@code event}. */
        synchronized Future<Void> deliver(AlarmEvent event) {
            Promise<Void> handled = Promise.promise();
            AlarmRecord record = new AlarmRecord(0, offset++, event);
            context.runOnContext(v -> {
                handler.handle(record);
                handled.complete();
            });
            return handled.future();
        }
    }

    /** The rehearsal's store: an empty state to begin with, and every change accepted and forgotten. */
    private static final class Store implements IncidentStore {
        @Override
        public Future<Snapshot> load() {
            return Future.succeededFuture(new Snapshot(List.of(), List.of(), Map.of()));
        }

        @Override
        public Future<Void> save(Batch batch) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    }
}
