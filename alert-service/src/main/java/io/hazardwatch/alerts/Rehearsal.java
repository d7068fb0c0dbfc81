package io.hazardwatch.alerts;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
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
 * A standby's rehearsal (issue 18): the whole service started on a throwaway Vert.x, one made-up level-2 alarm taken
 * through it — incident, escalation, messages, board, grading, InfluxDB marks — then a second copy taking the first's
 * stored state over, as in a takeover, and clearing the alarm.
 * A takeover under load had its event loop blocked for seconds by code running for the first time (class loading
 * and initialisation, lambda and string-concatenation linking, the HTTP client, the MAC of acknowledge links); after
 * the rehearsal, an election runs code that has run before (docs/operations.md, "A standby rehearses").
 *
 * <p>What keeps it from touching anything real: the store is in memory, empty at first and gone with it; the alarms
 * come from a {@link ScriptedAlarmSource}; there is no watchdog and no dead-letter feed (no Kafka client is made);
 * every HTTP request the
 * providers and dispatch make goes through a client whose proxy is a local sink, and InfluxDB is that sink too; the
 * API listens on a free port; the Vert.x with every timer and server is closed at the end. Its log lines (on its
 * own threads) begin with "[rehearsal]".
 */
public final class Rehearsal {

    /**
     * What the rehearsal did: the routes its service served (as {@link AlertServiceApp#routes()}), the messages its
     * providers sent to the sink, the incidents its store held at the end.
     */
    public record Outcome(List<String> routes, int messages, int incidents) {
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
            List<SensorSpec> sensors = List.copyOf(Registry.load(copy.registryFile()).sensors());
            SensorSpec sensor = sensors.stream().filter(s -> s.thresholds().secondHigh() != null).findFirst()
                    .orElse(sensors.get(0));
            Store store = new Store();
            // the first term raises the made-up alarm and sends its first messages
            ScriptedAlarmSource source = new ScriptedAlarmSource();
            AlertServiceApp first = await(AlertServiceApp.start(vertx, copy, source, store, outgoing.notifiers(),
                    outgoing.dispatch(), clock));
            await(first.loaded());
            Instant raised = clock.instant();
            await(source.deliver(alarm(sensor, AlarmTransition.RAISED, raised, raised)));
            long until = System.nanoTime() + MESSAGES.toNanos();
            while (messages.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            await(first.stop());
            // the second takes over what the first stored (as a takeover does) and clears the alarm
            source = new ScriptedAlarmSource();
            AlertServiceApp second = await(AlertServiceApp.start(vertx, copy, source, store, outgoing.notifiers(),
                    outgoing.dispatch(), clock));
            await(second.loaded());
            await(source.deliver(alarm(sensor, AlarmTransition.CLEARED, raised, clock.instant())));
            await(WebClient.create(vertx).get(second.httpPort(), "127.0.0.1", "/health").send());
            List<String> routes = second.routes();
            await(second.stop());
            return new Outcome(routes, messages.get(), store.incidents.size());
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

    /**
     * The rehearsal's store, in memory and gone with it: empty at first, it keeps what the rehearsal's terms write as
     * the state topic would (JSON), so that the second term loads it as a takeover does.
     */
    private static final class Store implements IncidentStore {
        private final Map<String, byte[]> incidents = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Kept> kept = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile Map<Integer, Long> offsets = Map.of();

        @Override
        public synchronized Future<Snapshot> load() {
            return Future.succeededFuture(new Snapshot(incidents.values().stream()
                    .map(json -> Json.fromBytes(json, Incident.class)).toList(), List.copyOf(kept.values()), offsets));
        }

        @Override
        public synchronized Future<Void> save(Batch batch) {
            batch.incidents().forEach(incident -> incidents.put(incident.id(), Json.toBytes(incident)));
            batch.kept().forEach(k -> kept.put(k.key(), new Kept(k.kind(), k.id(), Json.MAPPER.valueToTree(k.value()))));
            batch.removedIncidents().forEach(incidents::remove);
            batch.removedKept().forEach(kept::remove);
            if (!batch.alarmOffsets().isEmpty()) {
                offsets = Map.copyOf(batch.alarmOffsets());
            }
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    }
}
