package io.hazardwatch.alerts;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.config.IncidentLimits;
import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.Comment;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentBook.Change;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.outbox.Batch;
import io.hazardwatch.alerts.outbox.Outbox;
import io.hazardwatch.alerts.outbox.OutboxSender;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.risk.RiskState;
import io.hazardwatch.alerts.store.GroupCommit;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.NotStoredException;
import io.hazardwatch.alerts.store.StoreHealth;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.alerts.suppress.Suppression;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service's working state and its named steps: apply an alarm transition, apply a duty officer's
 * command, fire due escalation steps, send due messages. Each step changes incidents through the pure core
 * ({@link IncidentBook}, {@link EscalationPlanner}, {@link Suppression}, {@link Outbox}), commits the change
 * (with the alarms-topic position) through {@link GroupCommit}, and only then tells listeners and sends
 * messages: a message is only ever sent once the decision to send it is stored (the outbox).
 *
 * <p>Runs on one Vert.x context; nothing here needs locking.
 */
public final class IncidentEngine {

    /** Told about changes (the live board): incidents as an alarm changes them, and once committed. */
    public interface Listener {
        void alarmChanged(Incident incident);

        void incidentChanged(Incident incident);

        void riskChanged(RiskState state);
    }

    private static final Logger LOG = LoggerFactory.getLogger(IncidentEngine.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** How often incidents and silences past their retention are looked for. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final AlertingPolicy policy;
    private final IncidentBook book;
    private final EscalationPlanner planner;
    private final OutboxSender sender;
    private final GroupCommit commit;
    private final Clock clock;
    private final Duration retention;
    private Instant lastPurge;
    private final Map<String, String> enterpriseCells;
    private final Map<String, Silence> silences = new LinkedHashMap<>();
    private final Map<Integer, Long> offsets = new TreeMap<>();
    private final Map<String, Incident> committed = new HashMap<>();
    private final Map<String, RiskState> risk = new TreeMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final IncidentLimits limits;
    private final Instant startedAt = Instant.now();
    private boolean stopping;
    private volatile boolean ready;

    public IncidentEngine(Vertx vertx, AlertingPolicy policy, IncidentBook book, EscalationPlanner planner,
                          OutboxSender sender, IncidentStore store, Clock clock, Map<String, String> enterpriseCells,
                          Duration retention, IncidentLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.retention = retention;
        this.policy = policy;
        this.book = book;
        this.planner = planner;
        this.sender = sender;
        this.clock = clock;
        this.enterpriseCells = Map.copyOf(enterpriseCells);
        // the store's health is judged on real time, whatever clock the incidents run on (tests move that one by days)
        this.commit = new GroupCommit(vertx, store, Duration.ofSeconds(1), limits.storeFailingAfter(), Clock.systemUTC(),
                this::onCommitted);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Puts back the stored state after a start; returns where to resume the alarms topic. */
    public Map<Integer, Long> resume(IncidentStore.Snapshot snapshot) {
        snapshot.incidents().forEach(i -> {
            book.restore(i);
            committed.put(i.id(), i);
        });
        snapshot.silences().forEach(s -> silences.put(s.id(), s));
        offsets.putAll(snapshot.alarmOffsets());
        enterpriseCells.keySet().forEach(this::updateRisk);
        book.all().forEach(i -> updateRisk(i.alarm().enterprise()));
        ready = true;
        LOG.info("incidents resumed: {} open of {}, {} silences", book.open().size(), book.size(), silences.size());
        return Map.copyOf(offsets);
    }

    public boolean ready() {
        return ready;
    }

    public boolean storeFailed() {
        return commit.fatal();
    }

    /**
     * Whether incident changes (and with them the messages they decide) are being committed: LOADING until the
     * incidents are loaded, then READY, FAILING (writes fail, or a change waits longer than
     * {@code alert.store.failing-after-ms}) or FAILED (another instance took over). Pure data, for
     * {@code /health} and the watchdog; safe to call from any thread for a rough reading.
     */
    public StoreHealth storeHealth() {
        if (!ready) {
            return new StoreHealth(StoreHealth.State.LOADING, startedAt, "incidents not loaded yet", 0, null, 0);
        }
        return commit.health();
    }

    // ---- step: an alarm transition arrives -------------------------------------------------------------

    public void onAlarm(AlarmRecord record) {
        offsets.put(record.partition(), record.offset() + 1);
        AlarmEvent event = record.event();
        List<Incident> changed = new ArrayList<>();
        if (event != null) {
            try {
                for (Change change : book.apply(event, clock.instant())) {
                    changed.add(settle(change.before(), change.after()));
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("skipped alarm record {}-{}: {}", record.partition(), record.offset(), e.getMessage());
            }
        }
        // The board hears of the alarm at once, not after the incident's state commit (a Kafka transaction): the
        // alarm is durable on the alarms topic already, after a crash it is replayed from the stored offsets, and a
        // board that connects now gets it in its snapshot (the book above) anyway. The incident follows its commit.
        changed.forEach(incident -> listeners.forEach(l -> l.alarmChanged(incident)));
        persist(changed, Map.copyOf(offsets));
    }

    // ---- step: the watchdog raises or clears a system incident --------------------------------------------

    /**
     * Applies a transition the service decided itself (the watchdog's system incidents): like an alarm record,
     * but it has no alarms-topic position to store. {@code note} (why, for people) is kept on the incident as a
     * system comment.
     */
    public void onSystemAlarm(AlarmEvent event, String note) {
        if (!ready || stopping) {
            return;
        }
        List<Incident> changed = new ArrayList<>();
        for (Change change : book.apply(event, clock.instant())) {
            Incident after = note == null ? change.after() : change.after().comment(IncidentEvent.SYSTEM, note, clock.instant());
            changed.add(settle(change.before(), after));
        }
        if (!changed.isEmpty()) {
            LOG.info("system incident {} {}: {}", changed.get(0).id(), event.transition(), note);
            changed.forEach(incident -> listeners.forEach(l -> l.alarmChanged(incident)));
            persist(changed, Map.of());
        }
    }

    // ---- step: a person acts on an incident ------------------------------------------------------------

    public Future<Incident> acknowledge(String id, String who) {
        return command(id, i -> i.acknowledge(who, clock.instant()));
    }

    public Future<Incident> comment(String id, String who, String text) {
        try {
            Comment.check(text, limits.commentMaxChars());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return command(id, i -> i.comment(who, text, clock.instant()));
    }

    public Future<Incident> close(String id, String who, String action, String notes) {
        return command(id, i -> i.close(who, action, notes, clock.instant()));
    }

    private Future<Incident> command(String id, UnaryOperator<Incident> action) {
        Incident before = book.get(id).orElse(null);
        if (before == null) {
            return Future.failedFuture(new NoSuchElementException("no incident " + id));
        }
        Incident after;
        try {
            after = settle(before, action.apply(before));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        LOG.info("incident {} {} by {}", id, after.history().get(after.history().size() - 1).type(),
                after.history().get(after.history().size() - 1).actor());
        return bounded(persist(List.of(after), Map.of())).map(v -> after);
    }

    /**
     * A person waits for their change to be committed, but not for ever: past {@code alert.store.command-wait-ms}
     * the answer says it is applied and kept, not stored yet (it is stored once the store recovers).
     */
    private Future<Void> bounded(Future<Void> committing) {
        Promise<Void> answer = Promise.promise();
        long timer = vertx.setTimer(limits.commandWait().toMillis(), id -> answer.tryFail(new NotStoredException(
                "applied, but not stored yet: the incident store has not committed it within "
                        + limits.commandWait().toMillis() + " ms (" + commit.health().describe()
                        + "); it is kept and stored once the store recovers")));
        committing.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.tryComplete();
            } else {
                answer.tryFail(result.cause());
            }
        });
        return answer.future();
    }

    // ---- step: silences ---------------------------------------------------------------------------------

    public Future<Silence> addSilence(Silence silence) {
        silences.put(silence.id(), silence);
        LOG.info("silence {} for {} until {} by {}: {}", silence.id(), silence.enterprise(), silence.until(),
                silence.createdBy(), silence.reason());
        return bounded(persist(List.of(), Map.of(), List.of(silence))).map(v -> silence).onSuccess(v -> tick());
    }

    public Future<Silence> removeSilence(String id, String who) {
        Silence silence = silences.get(id);
        if (silence == null || silence.removed()) {
            return Future.failedFuture(new NoSuchElementException("no silence " + id));
        }
        Silence removed = silence.removedBy(who, clock.instant());
        silences.put(id, removed);
        LOG.info("silence {} removed by {}", id, who);
        return bounded(persist(List.of(), Map.of(), List.of(removed))).map(v -> removed).onSuccess(v -> tick());
    }

    public Collection<Silence> silences() {
        return silences.values();
    }

    // ---- step: time passes (escalation, reminders, silences ending, retries) ----------------------------

    public void tick() {
        if (!ready || stopping) {
            return;
        }
        List<Incident> changed = new ArrayList<>();
        for (Incident incident : book.open()) {
            Incident next = settle(incident, incident);
            if (next != incident) {
                changed.add(next);
            }
        }
        if (!changed.isEmpty()) {
            persist(changed, Map.of());
        }
        purgeExpired(clock.instant());
        sendDue();
    }

    // ---- step: retention (closed incidents and ended silences older than the retention are deleted) -----

    private void purgeExpired(Instant now) {
        if (lastPurge != null && now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            return;
        }
        lastPurge = now;
        Instant cutoff = now.minus(retention);
        List<String> incidents = new ArrayList<>();
        for (Incident incident : book.all()) {
            // only what is fully stored and has nothing left to send (e.g. a dispatch RESOLVE still retrying)
            if (incident.disposal() != null && incident.disposal().at().isBefore(cutoff)
                    && committed.get(incident.id()) == incident && !pending.containsKey(incident.id())
                    && !EscalationPlanner.hasPending(incident)
                    && incident.deliveries().stream().noneMatch(d -> inFlight.contains(d.id()))) {
                incidents.add(incident.id());
            }
        }
        List<String> gone = silences.values().stream().filter(s -> s.until().isBefore(cutoff)).map(Silence::id).toList();
        if (incidents.isEmpty() && gone.isEmpty()) {
            return;
        }
        incidents.forEach(id -> {
            book.remove(id);
            committed.remove(id);
        });
        gone.forEach(silences::remove);
        LOG.info("retention: deleting {} incident(s) closed and {} silence(s) ended more than {} days ago",
                incidents.size(), gone.size(), retention.toDays());
        commit.submit(List.of(), List.of(), List.of(), Map.of(), incidents, gone);
    }

    /** Dispatch follow-ups, suppression, due escalation steps (storm-held), then into the book. */
    private Incident settle(Incident before, Incident after) {
        Instant now = clock.instant();
        Incident next = planner.followUpDispatch(before, after, now);
        if (next.disposal() == null) {
            next = next.withSuppression(Suppression.reasonFor(next, book.active(), silences.values(), now).orElse(null), now);
        }
        // a second-level alarm is told again even after the first level was acknowledged (never storm-held)
        Incident toldAgain = planner.notifyLevelRise(before, next, now);
        if (toldAgain != next) {
            LOG.info("incident {}: {}", toldAgain.id(), lastEventDetail(toldAgain));
            next = toldAgain;
        }
        Incident fired = planner.fireDue(next, now);
        if (fired != next) {
            Set<String> known = new HashSet<>();
            next.deliveries().forEach(d -> known.add(d.id()));
            List<DeliveryRecord> fresh = fired.deliveries().stream().filter(d -> !known.contains(d.id())).toList();
            for (DeliveryRecord held : Outbox.holdForStorm(fresh, fired.alarm().enterprise(), book.all(),
                    policy.stormWindow(), now)) {
                fired = fired.withDelivery(held, now);
            }
            LOG.info("incident {}: {}", fired.id(), lastEventDetail(fired));
        }
        book.update(before, fired);
        return fired;
    }

    // ---- step: send what is due (only committed decisions) ---------------------------------------------

    private void sendDue() {
        if (stopping) {
            return;
        }
        for (Batch batch : Outbox.due(committed.values(), inFlight, clock.instant())) {
            batch.items().forEach(item -> inFlight.add(item.delivery().id()));
            sender.send(batch).onSuccess(outcome -> recordAttempt(batch, outcome));
        }
    }

    private void recordAttempt(Batch batch, Outbox.Outcome outcome) {
        Instant now = clock.instant();
        List<Incident> changed = new ArrayList<>();
        for (Batch.Item item : batch.items()) {
            Incident latest = book.get(item.incident().id()).orElseThrow();
            DeliveryRecord current = latest.deliveries().stream().filter(d -> d.id().equals(item.delivery().id()))
                    .findFirst().orElseThrow();
            Incident next = latest.withDelivery(Outbox.afterAttempt(current, outcome, policy.retry(), now), now);
            book.update(latest, next);
            changed.add(next);
        }
        String to = batch.recipient() + " via " + batch.channel();
        if (outcome.accepted()) {
            LOG.info("sent {} to {} ({} incident(s))", batch.notificationId(), to, batch.items().size());
        } else {
            LOG.warn("could not send {} to {}: {}", batch.notificationId(), to, outcome.error());
        }
        persist(changed, Map.of()).onComplete(stored -> {
            if (stored.succeeded()) {
                batch.items().forEach(item -> inFlight.remove(item.delivery().id()));
            } else {
                // the stored decision still says "due": sending it again would repeat it at every tick, for good. It
                // stays marked in flight, so it is sent again (once) only after a restart
                LOG.error("the outcome of {} to {} could not be stored ({}); not sending it again before a restart",
                        batch.notificationId(), to, stored.cause().getMessage());
            }
        });
    }

    // ---- committing ------------------------------------------------------------------------------------

    private Future<Void> persist(List<Incident> changed, Map<Integer, Long> position) {
        return persist(changed, position, List.of());
    }

    private Future<Void> persist(List<Incident> changed, Map<Integer, Long> position, List<Silence> changedSilences) {
        List<IncidentEvent> events = new ArrayList<>();
        for (Incident incident : changed) {
            Incident stored = committed.get(incident.id());
            events.addAll(incident.eventsSince(pending.getOrDefault(incident.id(), stored)));
            pending.put(incident.id(), incident);
        }
        if (changed.isEmpty() && position.isEmpty() && changedSilences.isEmpty()) {
            return Future.succeededFuture();
        }
        return commit.submit(changed, events, changedSilences, position);
    }

    /** The newest version handed to the store per incident, so each audit event is written once. */
    private final Map<String, Incident> pending = new HashMap<>();

    private void onCommitted(IncidentStore.Batch batch) {
        Set<String> enterprises = new HashSet<>();
        for (Incident incident : batch.incidents()) {
            committed.put(incident.id(), incident);
            if (pending.get(incident.id()) == incident) {
                pending.remove(incident.id());
            }
            if (incident.alarm().enterprise() != null) {
                enterprises.add(incident.alarm().enterprise());
            }
            // one listener's failure (e.g. a board that cannot render an incident) must not skip the others' news
            listeners.forEach(l -> {
                try {
                    l.incidentChanged(incident);
                } catch (RuntimeException e) {
                    LOG.error("incident {} committed, but a listener failed on it: {}", incident.id(), e.toString());
                }
            });
        }
        enterprises.forEach(this::updateRisk);
        sendDue();
    }

    private void updateRisk(String enterprise) {
        if (enterprise == null || SystemAlarms.isPlatform(enterprise)) {
            // an incident stored by an older version from an alarm without enterprise: no risk to derive; a blind
            // spot of the monitoring is no hazard of the enterprise: its system incidents leave the colour alone
            return;
        }
        List<ActiveAlarm> active = book.active().stream().map(Incident::alarm)
                .filter(a -> enterprise.equals(a.enterprise()) && !SystemAlarms.isSystem(a)).toList();
        String cell = enterpriseCells.getOrDefault(enterprise, active.isEmpty() ? null : active.get(0).gridCell());
        RiskState state = policy.risk().evaluate(enterprise, cell, active);
        RiskState before = risk.put(enterprise, state);
        if (before != null && !before.equals(state)) {
            if (before.colour() != state.colour()) {
                LOG.info("enterprise {} risk {} -> {} (warning line {}, alarm line {})", enterprise, before.colour(),
                        state.colour(), state.overWarningLine(), state.overAlarmLine());
            }
            listeners.forEach(l -> l.riskChanged(state));
        }
    }

    // ---- reading ---------------------------------------------------------------------------------------

    public IncidentBook book() {
        return book;
    }

    public Collection<RiskState> riskStates() {
        return risk.values();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The grid cell of an enterprise in the registry, or null if it is not known. */
    public String gridCellOf(String enterprise) {
        return enterpriseCells.get(enterprise);
    }

    /** Stops sending; waits (bounded) for messages in flight to be recorded and everything to be committed. */
    public Future<Void> stop() {
        stopping = true;
        Promise<Void> idle = Promise.promise();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        waitIdle(idle, deadline);
        return idle.future().compose(v -> drainBounded(deadline));
    }

    /** Everything submitted is committed, or the stop's wait is over (the store may be away: never hang a stop). */
    private Future<Void> drainBounded(long deadline) {
        Promise<Void> drained = Promise.promise();
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        long timer = vertx.setTimer(left, id -> {
            StoreHealth health = commit.health();
            LOG.warn("stopping with {} change(s) not committed ({}); alarms after the stored position are read again "
                    + "after restart", health.pendingChanges(), health.describe());
            drained.tryComplete();
        });
        commit.drain().onComplete(r -> {
            vertx.cancelTimer(timer);
            drained.tryComplete();
        });
        return drained.future();
    }

    private void waitIdle(Promise<Void> idle, long deadline) {
        if (inFlight.isEmpty() || System.nanoTime() > deadline) {
            if (!inFlight.isEmpty()) {
                LOG.warn("stopping with {} message(s) whose outcome is unknown; they will be sent again after restart",
                        inFlight.size());
            }
            idle.complete();
        } else {
            vertx.setTimer(50, id -> waitIdle(idle, deadline));
        }
    }

    private static String lastEventDetail(Incident incident) {
        IncidentEvent last = incident.history().get(incident.history().size() - 1);
        return last.type() + " " + (last.detail() == null ? "" : last.detail());
    }
}
