package io.hazardwatch.alerts;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.decision.IncidentPolicy;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook.Change;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.risk.EnterpriseRisk;
import io.hazardwatch.alerts.risk.RiskState;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.StoreHealth;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.alerts.suppress.Silences;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service's coordinator, its named steps: apply an alarm transition, fire due escalation steps as time
 * passes, and once a change is committed tell the board, derive enterprise risk and send the due messages. Each
 * change goes through the {@link IncidentPolicy} into the {@link IncidentBook} and is committed (with the
 * alarms-topic position) by the {@link CommitTracker}; the board sees the row an alarm changed at once, everything
 * else hears of a change once it is committed: a message is only ever sent once the decision to send it is stored
 * (the {@link OutboxRelay}). A person's commands are {@link IncidentCommands}.
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

    private final IncidentBook book;
    private final IncidentPolicy policy;
    private final Silences silences;
    private final CommitTracker commits;
    private final EnterpriseRisk risk;
    private final OutboxRelay outbox;
    private final RetentionSweep retention;
    private final Clock clock;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<java.util.function.Consumer<IncidentStore.Snapshot>> resumers = new ArrayList<>();
    private boolean stopping;
    private volatile boolean ready;

    public IncidentEngine(IncidentBook book, IncidentPolicy policy, Silences silences, CommitTracker commits,
                          EnterpriseRisk risk, OutboxRelay outbox, RetentionSweep retention, Clock clock) {
        this.book = book;
        this.policy = policy;
        this.silences = silences;
        this.commits = commits;
        this.risk = risk;
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
        commits.whenCommitted(this::onCommitted);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Also hands the stored state to {@code keeper} after a start, before the engine is ready (for the books of
     * records kept beside the incidents: hidden dangers, tasks, ...; see {@link io.hazardwatch.alerts.store.Kept}).
     */
    public void whenResumed(java.util.function.Consumer<IncidentStore.Snapshot> keeper) {
        resumers.add(keeper);
    }

    /** Puts back the stored state after a start; returns where to resume the alarms topic. */
    public Map<Integer, Long> resume(IncidentStore.Snapshot snapshot) {
        snapshot.incidents().forEach(book::restore);
        snapshot.kept(Silence.KIND, Silence.class).forEach(silences::put);
        Map<Integer, Long> offsets = commits.resume(snapshot);
        resumers.forEach(r -> r.accept(snapshot));
        risk.enterprises().forEach(this::reassessRisk);
        book.all().stream().map(i -> i.alarm().enterprise()).distinct().toList().forEach(this::reassessRisk);
        ready = true;
        LOG.info("incidents resumed: {} open of {}, {} silences", book.open().size(), book.size(), silences.size());
        return offsets;
    }

    public boolean ready() {
        return ready;
    }

    /**
     * Whether incident changes (and with them the messages they decide) are being committed: LOADING until the
     * incidents are loaded, then READY, FAILING (writes fail, or a change waits longer than
     * {@code alert.store.failing-after-ms}) or FAILED (another instance took over). Pure data, for
     * {@code /health} and the watchdog; safe to call from any thread for a rough reading.
     */
    public StoreHealth storeHealth() {
        return commits.health();
    }

    // ---- step: an alarm transition arrives -------------------------------------------------------------

    public void onAlarm(AlarmRecord record) {
        commits.read(record.partition(), record.offset());
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
        changed.forEach(this::tellAlarm);
        commits.submit(changed, commits.position(), List.of());
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
            changed.forEach(this::tellAlarm);
            commits.submit(changed, Map.of(), List.of());
        }
    }

    // ---- step: time passes (escalation, reminders, silences ending, retries, retention) -----------------

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
            commits.submit(changed, Map.of(), List.of());
        }
        retention.sweep(clock.instant());
        if (risk.due(clock.instant())) {
            // grades follow the record: windows roll and deadlines pass without any incident changing
            risk.enterprises().forEach(this::reassessRisk);
        }
        sendDue();
    }

    /** What the policy makes of a change (escalation, suppression, storm hold), put into the book. */
    Incident settle(Incident before, Incident after) {
        Incident next = policy.settle(before, after, book, silences.all(), clock.instant());
        book.update(before, next);
        return next;
    }

    // ---- step: a change is committed: tell the board, derive risk, send what is due -----------------------

    private void onCommitted(List<Incident> incidents) {
        Set<String> enterprises = new HashSet<>();
        for (Incident incident : incidents) {
            if (incident.alarm().enterprise() != null) {
                enterprises.add(incident.alarm().enterprise());
            }
            tellIncident(incident);
        }
        enterprises.forEach(this::reassessRisk);
        sendDue();
    }

    private void sendDue() {
        if (!stopping) {
            outbox.sendDue();
        }
    }

    /**
     * Grades {@code enterprise} again now (a case of its changed: a hidden danger opened or rectified, an inspection
     * finding); the board hears of a changed colour or list at once. Call on the engine's context.
     */
    public void regrade(String enterprise) {
        if (ready && !stopping) {
            reassessRisk(enterprise);
        }
    }

    private void reassessRisk(String enterprise) {
        if (enterprise == null || SystemAlarms.isPlatform(enterprise)) {
            // an incident stored by an older version from an alarm without enterprise: no risk to derive; a blind
            // spot of the monitoring is no hazard of the enterprise: its system incidents leave the colour alone
            return;
        }
        // the grade is derived news: a failure to derive it must never hold back the board or the messages
        try {
            List<ActiveAlarm> alarms = book.ofEnterprise(enterprise).stream().filter(Incident::active)
                    .map(Incident::alarm).filter(a -> !SystemAlarms.isSystem(a)).toList();
            risk.reassess(enterprise, alarms)
                    .ifPresent(state -> tell("the risk of " + enterprise, l -> l.riskChanged(state)));
        } catch (RuntimeException e) {
            LOG.error("the grade of {} could not be derived: {}", enterprise, e.toString());
        }
    }

    // ---- telling the listeners (the live board) ----------------------------------------------------------

    /** An alarm changed {@code incident}: the board hears of it before the commit (see {@link #onAlarm}). */
    private void tellAlarm(Incident incident) {
        tell("the alarm of incident " + incident.id(), l -> l.alarmChanged(incident));
    }

    private void tellIncident(Incident incident) {
        tell("incident " + incident.id(), l -> l.incidentChanged(incident));
    }

    /**
     * Tells every listener (the board, the grading's tallies, the history marks, ...). One listener's failure never
     * skips the others' news, nor what the engine does next (commit the change, send its messages).
     */
    private void tell(String about, java.util.function.Consumer<Listener> news) {
        for (Listener listener : listeners) {
            try {
                news.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("{}: a listener ({}) failed on it: {}", about, listener.getClass().getName(), e.toString());
            }
        }
    }

    // ---- reading ---------------------------------------------------------------------------------------

    public IncidentBook book() {
        return book;
    }

    public Collection<RiskState> riskStates() {
        return risk.states();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The grid cell of an enterprise in the registry, or null if it is not known. */
    public String gridCellOf(String enterprise) {
        return risk.gridCellOf(enterprise);
    }

    /** Stops sending; waits (bounded) for messages in flight to be recorded and everything to be committed. */
    public Future<Void> stop() {
        stopping = true;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        return outbox.idle(deadline).compose(v -> commits.drain(deadline));
    }
}
