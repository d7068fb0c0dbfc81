package io.hazardwatch.alerts.danger;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alarm pattern "the same sensor in real alarm N times within a window": incidents whose enterprise feedback names
 * the cause REAL_RELEASE, counted per sensor once the feedback names it, by when their episode started. An incident
 * already linked to a pattern danger is not counted again, and a sensor with a pattern danger still open makes no
 * second one. Pure.
 */
public final class RealAlarmPattern {

    /** The sensor ({@code enterprise/device/sensor}) and the incidents that reached the count, oldest first. */
    public record Match(String enterprise, String device, String sensorId, List<String> incidentIds) {
        public String sensor() {
            return sensorOf(enterprise, device, sensorId);
        }
    }

    private final AlarmPatterns.RealAlarms rule;

    public RealAlarmPattern(AlarmPatterns.RealAlarms rule) {
        this.rule = rule;
    }

    public static String sensorOf(String enterprise, String device, String sensor) {
        return enterprise + "/" + device + "/" + sensor;
    }

    /**
     * @param linked      ids of incidents already linked to a pattern danger
     * @param openSensors sensors with a pattern danger not yet accepted or closed
     */
    public List<Match> find(Collection<Incident> incidents, Set<String> linked, Set<String> openSensors, Instant now) {
        Instant from = now.minus(rule.window());
        Map<String, List<Incident>> bySensor = new TreeMap<>();
        for (Incident incident : incidents) {
            if (counts(incident, linked, from, now)) {
                var a = incident.alarm();
                bySensor.computeIfAbsent(sensorOf(a.enterprise(), a.device(), a.sensor()), k -> new ArrayList<>())
                        .add(incident);
            }
        }
        List<Match> matches = new ArrayList<>();
        bySensor.forEach((sensor, real) -> {
            if (real.size() >= rule.count() && !openSensors.contains(sensor)) {
                real.sort(Comparator.comparing(i -> i.alarm().raisedAt()));
                var a = real.get(0).alarm();
                matches.add(new Match(a.enterprise(), a.device(), a.sensor(),
                        real.stream().map(Incident::id).limit(HiddenDanger.INCIDENTS_KEPT).toList()));
            }
        });
        return matches;
    }

    private static boolean counts(Incident incident, Set<String> linked, Instant from, Instant now) {
        var a = incident.alarm();
        return incident.feedback().cause() == Cause.REAL_RELEASE && !linked.contains(incident.id())
                && a.enterprise() != null && a.device() != null && a.sensor() != null
                && !CaseAlarms.isCasework(a) && !SystemAlarms.isSystem(a)
                && a.raisedAt() != null && a.raisedAt().isAfter(from) && !a.raisedAt().isAfter(now);
    }
}
