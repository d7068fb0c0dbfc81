package io.hazardwatch.alerts.history;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.incident.IncidentStatus;
import io.hazardwatch.alerts.report.ReportFigures;
import io.hazardwatch.model.ReadingSeries;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which events of a committed incident are new marks for the history charts: its opening, acknowledgement, clearing
 * and closing, each once (the newest seen event per open incident is remembered; after a restart an incident's marks
 * may be written again, which InfluxDB takes as the same points). Only enterprises' alarms, not the platform's own or
 * casework. Pure; runs on the engine's context.
 */
public final class IncidentMarks {

    /** One point of measurement {@value ReadingSeries#INCIDENT}. */
    public record Mark(String incidentId, String event, Instant at, ActiveAlarm alarm) {
    }

    private final Map<String, Long> seen = new HashMap<>();

    public List<Mark> newMarks(Incident incident) {
        if (!ReportFigures.isEnterpriseAlarm(incident.alarm())) {
            return List.of();
        }
        long last = seen.getOrDefault(incident.id(), 0L);
        List<Mark> marks = incident.history().stream().filter(e -> e.seq() > last && eventOf(e.type()) != null)
                .map(e -> new Mark(incident.id(), eventOf(e.type()), e.at(), incident.alarm())).toList();
        if (incident.status() == IncidentStatus.CLOSED) {
            seen.remove(incident.id());
        } else {
            incident.history().stream().mapToLong(IncidentEvent::seq).max()
                    .ifPresent(seq -> seen.put(incident.id(), seq));
        }
        return marks;
    }

    static String eventOf(IncidentEvent.Type type) {
        return switch (type) {
            case RAISED -> ReadingSeries.EVENT_OPENED;
            case ACKNOWLEDGED -> ReadingSeries.EVENT_ACKNOWLEDGED;
            case CLEARED -> ReadingSeries.EVENT_CLEARED;
            case CLOSED -> ReadingSeries.EVENT_CLOSED;
            default -> null;
        };
    }
}
