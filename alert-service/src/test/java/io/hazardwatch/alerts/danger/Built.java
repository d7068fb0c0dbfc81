package io.hazardwatch.alerts.danger;

import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;

/** Incidents of a gas sensor built for the pattern tests, answered with a cause (or not yet). */
final class Built {

    private Built() {
    }

    static Incident incident(String enterprise, String sensor, Instant raisedAt, Cause cause) {
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA, enterprise + "/tank-1/" + sensor + "/THRESHOLD", enterprise,
                "tank-1", sensor, SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST,
                AlarmTransition.RAISED, 30, 25.0, "%LEL", "threshold", 1, raisedAt, raisedAt, raisedAt);
        Incident i = Incident.open(event, "grid-1", raisedAt);
        Feedback feedback = cause == null ? Feedback.NONE : new Feedback(null,
                new Feedback.Report(cause, "valve closed", "Li Ming", "ent-user", raisedAt.plusSeconds(600)),
                List.of(), null, List.of());
        return new Incident(i.id(), i.alarm(), i.openedAt(), i.active(), i.clearedAt(), i.acknowledged(), i.disposal(),
                i.comments(), i.applied(), i.fired(), i.deliveries(), i.suppressedBy(), i.history(), i.version(), feedback, i.dispatch());
    }
}
