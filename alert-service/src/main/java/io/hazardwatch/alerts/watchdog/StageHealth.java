package io.hazardwatch.alerts.watchdog;

import io.hazardwatch.alerts.config.WatchdogConfig;
import io.hazardwatch.model.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health rules of the monitoring chain, fed with what the alert service observes (heartbeats, the broker
 * answering, the outcome of each message sent) and asked for each stage's state at a given time. Pure: no clock
 * of its own, no I/O, so every rule is tested with instants.
 *
 * <p>Rules (numbers from {@link WatchdogConfig}):
 * <ul>
 *   <li>Kafka DOWN when the broker has not answered the watchdog's consumer for {@code kafkaUnreachable}, or when
 *       the alarm feed reports it lost the broker or gave up; DEGRADED while it answers but partitions of the alert
 *       service's topics have replicas out of sync (a cluster that lost a broker: one more loss stops writes). While Kafka is DOWN the stages whose heartbeats come
 *       through it are UNKNOWN (cannot be judged), and their silence is counted again from its return.</li>
 *   <li>A stage never heard from is UNKNOWN for {@code startGrace} after the broker first answered, then judged
 *       as silent since then: a job that never came up is down too.</li>
 *   <li>Detection DOWN when no DETECTION heartbeat (of any subtask) for {@code detectionSilence}; DEGRADED when
 *       one subtask falls silent that long while others still beat (its share of the sensors is not judged; a
 *       subtask silent for {@value #FORGET_SUBTASK_MINUTES} minutes is forgotten, e.g. after the job was
 *       rescaled), or a subtask heard within that time reports a lag above {@code detectionLag}.</li>
 *   <li>History store DEGRADED when no HISTORY heartbeat for {@code historySilence}, or an instance heard within
 *       that time reports its writes failing for longer than {@code historyFailing}.</li>
 *   <li>Gateway DOWN when no GATEWAY heartbeat (of any instance) for {@code gatewaySilence}; DEGRADED when one
 *       instance falls silent that long while another still beats (its devices must find another gateway; it is
 *       forgotten after an hour), or one refuses devices for want of capacity or cannot write their readings to
 *       Kafka (its heartbeat's {@code failingSince}). An instance whose last heartbeat says
 *       it stopped on purpose ({@link Heartbeat#STOPPED}, a rolling restart) no longer counts.</li>
 *   <li>Notifications DEGRADED when the incident store fails, or the last {@code notifyFailures} sends all failed
 *       (counted until the next accepted one).</li>
 * </ul>
 */
public final class StageHealth {

    /** Instances not heard from for this long are forgotten (a rescaled job, a gateway moved to another port). */
    private static final Duration FORGET = Duration.ofHours(1);
    static final int FORGET_SUBTASK_MINUTES = 5;
    private static final Duration FORGET_SUBTASK = Duration.ofMinutes(FORGET_SUBTASK_MINUTES);

    private record Seen(Heartbeat heartbeat, Instant at) {
    }

    private final WatchdogConfig rules;
    private final Instant startedAt;
    private final Map<Heartbeat.Stage, Map<String, Seen>> instances = new EnumMap<>(Heartbeat.Stage.class);
    private final Map<Heartbeat.Stage, Instant> lastSeen = new EnumMap<>(Heartbeat.Stage.class);
    private final Map<Stage, StageStatus> current = new EnumMap<>(Stage.class);
    private Instant brokerAnswered;
    private Instant brokerAnswersSince;
    private String replicasShort;
    private int failedInARow;
    private Instant failingSince;
    private String lastSendError;

    public StageHealth(WatchdogConfig rules, Instant startedAt) {
        this.rules = rules;
        this.startedAt = startedAt;
    }

    // ---- observations ----------------------------------------------------------------------------------

    /** A heartbeat arrived at {@code at} (the watchdog's clock: the sender's clock may be off). */
    public void heartbeat(Heartbeat heartbeat, Instant at) {
        Map<String, Seen> byInstance = instances.computeIfAbsent(heartbeat.stage(), s -> new HashMap<>());
        byInstance.values().removeIf(seen -> seen.at().plus(FORGET).isBefore(at));
        if (heartbeat.saysStopped()) {
            byInstance.remove(heartbeat.instance());
        } else {
            byInstance.put(heartbeat.instance(), new Seen(heartbeat, at));
        }
        lastSeen.merge(heartbeat.stage(), at, (a, b) -> a.isAfter(b) ? a : b);
        brokerAnswered(at);
    }

    /** The broker answered the watchdog's consumer (a poll, a metadata or offsets request) at {@code at}. */
    public void brokerAnswered(Instant at) {
        if (brokerAnswered == null || at.isAfter(brokerAnswered.plus(rules.kafkaUnreachable()))) {
            brokerAnswersSince = at;
        }
        if (brokerAnswered == null || at.isAfter(brokerAnswered)) {
            brokerAnswered = at;
        }
    }

    /** What the Kafka cluster is short of (partitions with replicas out of sync), or null when nothing is. */
    public void replicasShort(String shortage) {
        replicasShort = shortage;
    }

    /** The outcome of one attempt to send a message to the on-call. */
    public void sendOutcome(boolean accepted, String error, Instant at) {
        if (accepted) {
            failedInARow = 0;
            failingSince = null;
            lastSendError = null;
            return;
        }
        if (failedInARow++ == 0) {
            failingSince = at;
        }
        lastSendError = error;
    }

    // ---- judgement -------------------------------------------------------------------------------------

    /**
     * Every stage's state at {@code now}, in {@link Stage} order.
     *
     * @param feedProblem  why the alarm feed cannot read Kafka, or null while it can (or is still starting)
     * @param storeProblem why the incident store fails, or null while it works
     */
    public List<StageStatus> evaluate(Instant now, String feedProblem, String storeProblem) {
        boolean reachable = brokerAnswered != null && !now.isAfter(brokerAnswered.plus(rules.kafkaUnreachable()));
        List<StageStatus> all = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Verdict verdict = switch (stage) {
                case KAFKA -> kafka(now, reachable, feedProblem);
                case NOTIFICATIONS -> notifications(storeProblem, reachable && feedProblem == null, now);
                default -> reachable ? fromHeartbeats(stage, now)
                        : new Verdict(StageState.UNKNOWN, "cannot be judged: Kafka, which brings its heartbeats, does not answer");
            };
            all.add(remember(stage, verdict, now));
        }
        return all;
    }

    /** Since when the incident store has failed while Kafka answered; null otherwise. */
    private Instant storeFailingWithKafka;

    private record Verdict(StageState state, String reason) {
    }

    private StageStatus remember(Stage stage, Verdict verdict, Instant now) {
        StageStatus before = current.get(stage);
        Instant since = before != null && before.state() == verdict.state() ? before.since() : now;
        StageStatus status = new StageStatus(stage, verdict.state(), since, verdict.reason());
        current.put(stage, status);
        return status;
    }

    private Verdict kafka(Instant now, boolean reachable, String feedProblem) {
        if (feedProblem != null) {
            return new Verdict(StageState.DOWN, feedProblem);
        }
        if (reachable) {
            return replicasShort == null ? new Verdict(StageState.OK, "the broker answers")
                    : new Verdict(StageState.DEGRADED, replicasShort);
        }
        if (brokerAnswered == null) {
            return now.isBefore(startedAt.plus(rules.kafkaUnreachable()))
                    ? new Verdict(StageState.UNKNOWN, "connecting to the broker")
                    : new Verdict(StageState.DOWN, "the broker has not answered since the service started at " + startedAt);
        }
        return new Verdict(StageState.DOWN, "the broker has not answered since " + brokerAnswered);
    }

    /**
     * @param kafkaOk false while Kafka is down: a store that cannot commit then only waits for it (Kafka is blamed),
     *                and after Kafka's return it has {@link WatchdogConfig#kafkaUnreachable()} to catch up before the
     *                notifications are called degraded
     */
    private Verdict notifications(String storeProblem, boolean kafkaOk, Instant now) {
        if (storeProblem == null || !kafkaOk) {
            storeFailingWithKafka = null;
        } else if (storeFailingWithKafka == null) {
            storeFailingWithKafka = now;
        }
        if (storeProblem != null) {
            boolean catchingUp = storeFailingWithKafka == null
                    || now.isBefore(storeFailingWithKafka.plus(rules.kafkaUnreachable()));
            return !catchingUp ? new Verdict(StageState.DEGRADED, "incident store: " + storeProblem)
                    : new Verdict(StageState.UNKNOWN, "cannot be judged yet: the incident store waits for Kafka ("
                            + storeProblem + ")");
        }
        if (failedInARow >= rules.notifyFailures()) {
            return new Verdict(StageState.DEGRADED, failedInARow + " messages in a row could not be sent since "
                    + failingSince + " (last: " + lastSendError + ")");
        }
        return new Verdict(StageState.OK, "messages are sent");
    }

    private Verdict fromHeartbeats(Stage stage, Instant now) {
        return switch (stage) {
            case DETECTION -> silence(Heartbeat.Stage.DETECTION, rules.detectionSilence(), StageState.DOWN, now)
                    .orElseGet(() -> detectionLag(now));
            case HISTORY -> silence(Heartbeat.Stage.HISTORY, rules.historySilence(), StageState.DEGRADED, now)
                    .orElseGet(() -> historyWrites(now));
            case GATEWAY -> silence(Heartbeat.Stage.GATEWAY, rules.gatewaySilence(), StageState.DOWN, now)
                    .orElseGet(() -> gatewayRefusals(now));
            default -> throw new IllegalArgumentException("no heartbeats for " + stage);
        };
    }

    /** The verdict if the stage is silent (or not yet judged), empty while its heartbeats come. */
    private Optional<Verdict> silence(Heartbeat.Stage stage, Duration limit, StageState silent, Instant now) {
        Instant seen = lastSeen.get(stage);
        if (seen == null) {
            Instant judgedFrom = brokerAnswersSince.plus(rules.startGrace());
            return Optional.of(now.isBefore(judgedFrom)
                    ? new Verdict(StageState.UNKNOWN, "waiting for the first heartbeat")
                    : new Verdict(silent, "no heartbeat since the watchdog started watching at " + brokerAnswersSince));
        }
        Instant from = seen.isAfter(brokerAnswersSince) ? seen : brokerAnswersSince;
        if (now.isAfter(from.plus(limit))) {
            return Optional.of(new Verdict(silent, "no heartbeat since " + seen + " (limit "
                    + limit.toSeconds() + " s)"));
        }
        return Optional.empty();
    }

    private Verdict detectionLag(Instant now) {
        Seen silent = silentWhileOthersBeat(Heartbeat.Stage.DETECTION, rules.detectionSilence(), FORGET_SUBTASK, now);
        if (silent != null) {
            return new Verdict(StageState.DEGRADED, silent.heartbeat().instance() + " silent since " + silent.at()
                    + " while others beat: its share of the sensors may not be judged");
        }
        Seen worst = null;
        for (Seen seen : live(Heartbeat.Stage.DETECTION, rules.detectionSilence(), now)) {
            Long lag = seen.heartbeat().lagMillis();
            if (lag != null && (worst == null || lag > worst.heartbeat().lagMillis())) {
                worst = seen;
            }
        }
        if (worst != null && worst.heartbeat().lagMillis() > rules.detectionLag().toMillis()) {
            return new Verdict(StageState.DEGRADED, worst.heartbeat().instance() + " is "
                    + worst.heartbeat().lagMillis() / 1000 + " s behind its input (limit "
                    + rules.detectionLag().toSeconds() + " s)");
        }
        return new Verdict(StageState.OK, alive(Heartbeat.Stage.DETECTION, rules.detectionSilence(), now));
    }

    /**
     * One gateway instance silent while another beats (the stage as a whole is not silent: {@link #silence}) leaves
     * its devices unwatched until they reconnect elsewhere: DEGRADED, naming it. A gateway that refuses devices for
     * want of capacity (full, or a storm of bcrypt logins), or whose readings Kafka does not take, says so in its
     * heartbeat ({@code failingSince}): those devices are not watched, so the stage is degraded, not OK.
     */
    private Verdict gatewayRefusals(Instant now) {
        Seen silent = silentWhileOthersBeat(Heartbeat.Stage.GATEWAY, rules.gatewaySilence(), FORGET, now);
        if (silent != null) {
            return new Verdict(StageState.DEGRADED, silent.heartbeat().instance() + " silent since " + silent.at()
                    + " while others beat: its devices must reconnect through the balancer to another gateway");
        }
        for (Seen seen : live(Heartbeat.Stage.GATEWAY, rules.gatewaySilence(), now)) {
            Heartbeat h = seen.heartbeat();
            if (h.failingSince() != null) {
                return new Verdict(StageState.DEGRADED, h.instance() + " failing its devices since "
                        + h.failingSince() + (h.detail() == null ? "" : " (" + h.detail() + ")"));
            }
        }
        return new Verdict(StageState.OK, alive(Heartbeat.Stage.GATEWAY, rules.gatewaySilence(), now));
    }

    private Verdict historyWrites(Instant now) {
        Seen failing = null;
        for (Seen seen : live(Heartbeat.Stage.HISTORY, rules.historySilence(), now)) {
            Instant since = seen.heartbeat().failingSince();
            if (since != null && (failing == null || since.isBefore(failing.heartbeat().failingSince()))) {
                failing = seen;
            }
        }
        if (failing != null && now.isAfter(failing.heartbeat().failingSince().plus(rules.historyFailing()))) {
            Heartbeat h = failing.heartbeat();
            return new Verdict(StageState.DEGRADED, "InfluxDB writes failing since " + h.failingSince() + " ("
                    + h.instance() + (h.detail() == null ? "" : ": " + h.detail()) + ")");
        }
        return new Verdict(StageState.OK, alive(Heartbeat.Stage.HISTORY, rules.historySilence(), now));
    }

    /**
     * The instance of a stage silent the longest beyond {@code silence} (but not yet forgotten), or null. Called once
     * the stage as a whole is not silent, so another instance beats. Silence counts from the broker's return at the
     * earliest, as for the whole stage.
     */
    private Seen silentWhileOthersBeat(Heartbeat.Stage stage, Duration silence, Duration forget, Instant now) {
        return instances.getOrDefault(stage, Map.of()).values().stream()
                .filter(s -> now.isAfter(later(s.at(), brokerAnswersSince).plus(silence))
                        && !now.isAfter(s.at().plus(forget)))
                .min(Comparator.comparing(Seen::at)).orElse(null);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private List<Seen> live(Heartbeat.Stage stage, Duration limit, Instant now) {
        return instances.getOrDefault(stage, Map.of()).values().stream()
                .filter(seen -> !now.isAfter(seen.at().plus(limit))).toList();
    }

    private String alive(Heartbeat.Stage stage, Duration limit, Instant now) {
        int count = live(stage, limit, now).size();
        return count + (count == 1 ? " instance" : " instances") + " alive";
    }
}
