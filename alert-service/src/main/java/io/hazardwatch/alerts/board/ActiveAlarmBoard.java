package io.hazardwatch.alerts.board;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The alarms that are active now, built by applying the detection job's alarm transitions in topic order.
 *
 * <p>An episode is named by (alarmKey, episodeStart). The board is safe against Kafka redelivery and job
 * replay: a transition already applied to an episode is a {@link Outcome#DUPLICATE}, and a transition of an
 * episode older than the newest one seen for its key is {@link Outcome#STALE} — so a late CLEARED of an old
 * episode never closes a newer one. Only the newest closed episode per key is remembered, which keeps memory
 * bounded by the number of alarm keys.
 *
 * <p>Not thread-safe: the service calls it from one Vert.x context only.
 */
public final class ActiveAlarmBoard {

    /** What applying one transition did to the board. */
    public enum Outcome {
        /** A new entry: a RAISED, or an ESCALATED whose RAISED was never seen. */
        OPENED(true),
        /** The entry's level went up. */
        ESCALATED(true),
        /** The entry was removed. */
        CLEARED(true),
        /** The same transition of the same episode was applied before (redelivery, replay). */
        DUPLICATE(false),
        /** Late news: an older episode, a level no higher than the entry's, or nothing left to clear. */
        STALE(false);

        private final boolean changedBoard;

        Outcome(boolean changedBoard) {
            this.changedBoard = changedBoard;
        }

        public boolean changedBoard() {
            return changedBoard;
        }
    }

    /** Most severe first; within a level the most recently raised first. */
    public static final Comparator<ActiveAlarm> DUTY_ORDER = Comparator
            .comparing(ActiveAlarm::level, Comparator.reverseOrder())
            .thenComparing(ActiveAlarm::raisedAt, Comparator.reverseOrder())
            .thenComparing(ActiveAlarm::alarmKey);

    private record Step(AlarmTransition transition, AlarmLevel level) {
        static Step of(AlarmEvent event) {
            return new Step(event.transition(), event.level());
        }
    }

    /** One episode of one key: the transitions applied to it and, while it is active, its board entry. */
    private static final class Episode {
        final Instant start;
        final Set<Step> applied = new HashSet<>();
        ActiveAlarm alarm;

        Episode(Instant start) {
            this.start = start;
        }
    }

    private final Function<String, Optional<String>> gridCellOf;
    private final Map<String, Episode> active = new HashMap<>();
    private final Map<String, Episode> lastClosed = new HashMap<>();

    /** @param gridCellOf the grid cell of an enterprise, if known (e.g. {@code registry::gridCellOf}) */
    public ActiveAlarmBoard(Function<String, Optional<String>> gridCellOf) {
        this.gridCellOf = Objects.requireNonNull(gridCellOf, "gridCellOf");
    }

    /**
     * Applies one transition.
     *
     * @throws IllegalArgumentException if the event lacks alarmKey, episodeStart, transition or level, or
     *                                  raises or escalates to level NONE
     */
    public Outcome apply(AlarmEvent event) {
        requireIdentity(event);
        String key = event.alarmKey();
        Episode closed = lastClosed.get(key);
        if (closed != null && !event.episodeStart().isAfter(closed.start)) {
            return replayOfClosed(closed, event);
        }
        Episode current = active.get(key);
        if (current == null) {
            return startOfUnseenEpisode(event);
        }
        if (event.episodeStart().isBefore(current.start)) {
            return Outcome.STALE;
        }
        if (event.episodeStart().equals(current.start)) {
            return nextStepOf(current, event);
        }
        // A newer episode while the old one looks active: its CLEARED was lost, the job has moved on.
        active.remove(key);
        lastClosed.put(key, current);
        Outcome outcome = startOfUnseenEpisode(event);
        return outcome == Outcome.STALE ? Outcome.CLEARED : outcome;
    }

    /** The active alarms in duty order (SECOND before FIRST, then newest first). */
    public List<ActiveAlarm> snapshot() {
        return active.values().stream().map(e -> e.alarm).sorted(DUTY_ORDER).toList();
    }

    public Optional<ActiveAlarm> get(String alarmKey) {
        return Optional.ofNullable(active.get(alarmKey)).map(e -> e.alarm);
    }

    public int size() {
        return active.size();
    }

    private Outcome replayOfClosed(Episode closed, AlarmEvent event) {
        boolean sameStep = closed.start.equals(event.episodeStart()) && closed.applied.contains(Step.of(event));
        return sameStep ? Outcome.DUPLICATE : Outcome.STALE;
    }

    private Outcome startOfUnseenEpisode(AlarmEvent event) {
        Episode episode = new Episode(event.episodeStart());
        episode.applied.add(Step.of(event));
        if (event.transition() == AlarmTransition.CLEARED) {
            // Nothing to remove, but remember it so that a late RAISED of this episode does not reopen it.
            lastClosed.put(event.alarmKey(), episode);
            return Outcome.STALE;
        }
        episode.alarm = ActiveAlarm.openedBy(event, gridCellOf.apply(event.enterprise()).orElse(null));
        active.put(event.alarmKey(), episode);
        return Outcome.OPENED;
    }

    private Outcome nextStepOf(Episode current, AlarmEvent event) {
        if (!current.applied.add(Step.of(event))) {
            return Outcome.DUPLICATE;
        }
        if (event.transition() == AlarmTransition.CLEARED) {
            active.remove(event.alarmKey());
            current.alarm = null;
            lastClosed.put(event.alarmKey(), current);
            return Outcome.CLEARED;
        }
        if (!event.level().isAbove(current.alarm.level())) {
            return Outcome.STALE;
        }
        current.alarm = current.alarm.escalatedBy(event);
        return Outcome.ESCALATED;
    }

    private static void requireIdentity(AlarmEvent event) {
        if (event.alarmKey() == null || event.episodeStart() == null || event.transition() == null
                || event.level() == null) {
            throw new IllegalArgumentException("alarm event needs alarmKey, episodeStart, transition and level: " + event);
        }
        if (event.transition() != AlarmTransition.CLEARED && event.level() == AlarmLevel.NONE) {
            throw new IllegalArgumentException("a " + event.transition() + " needs level FIRST or SECOND: " + event);
        }
    }
}
