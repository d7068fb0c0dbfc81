package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Disposal;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.Stamp;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Built incidents, alarms and a recording {@link KeptWriter} for the grading's tests. */
final class GradingFixtures {

    private GradingFixtures() {
    }

    static ActiveAlarm alarm(String enterprise, String sensor, AlarmLevel level, Instant raisedAt) {
        return new ActiveAlarm(enterprise + "/tank-1/" + sensor + "/THRESHOLD", level, enterprise, "grid-1", "tank-1",
                sensor, SensorType.COMBUSTIBLE_GAS, "THRESHOLD", 30, 25.0, "%LEL", "r", 1, raisedAt, raisedAt, null, null);
    }

    /**
     * An incident of {@code enterprise} opened at {@code openedAt}, acknowledged after {@code ackAfter} (null: not),
     * closed (or not), with the enterprise's reported {@code cause} (null: none) and late feedback (or not).
     */
    static Incident incident(String enterprise, String sensor, AlarmLevel level, Instant openedAt, Duration ackAfter,
                             boolean closed, Cause cause, boolean late) {
        ActiveAlarm alarm = alarm(enterprise, sensor, level, openedAt);
        Stamp ack = ackAfter == null ? null : new Stamp("duty", openedAt.plus(ackAfter));
        Feedback feedback = new Feedback(null, cause == null ? null
                : new Feedback.Report(cause, "valve closed", "Li", "ent-user", openedAt.plusSeconds(600)),
                List.of(), null, late ? List.of("report") : List.of());
        return new Incident(Incident.idOf(alarm.alarmKey(), openedAt), alarm, openedAt, !closed,
                closed ? openedAt.plusSeconds(300) : null, ack,
                closed ? new Disposal("duty", openedAt.plusSeconds(900), "checked", null) : null, List.of(),
                Set.of(), Map.of(), List.of(), null, List.of(), 1, feedback, null);
    }

    /** Remembers what the grading stored and deleted. */
    static final class RecordingWriter implements KeptWriter {
        final List<Kept> kept = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        @Override
        public void keep(List<Kept> records) {
            kept.addAll(records);
        }

        @Override
        public void delete(List<String> keys) {
            deleted.addAll(keys);
        }

        /** The newest stored value of each key, as a store would load it (through JSON). */
        <T> List<T> stored(String kind, Class<T> type) {
            Map<String, Kept> newest = new java.util.LinkedHashMap<>();
            kept.stream().filter(k -> k.kind().equals(kind)).forEach(k -> newest.put(k.key(), k));
            deleted.forEach(newest::remove);
            return newest.values().stream()
                    .map(k -> new Kept(k.kind(), k.id(), io.hazardwatch.model.Json.MAPPER.valueToTree(k.value())).as(type))
                    .toList();
        }
    }
}
