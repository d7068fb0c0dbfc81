package io.hazardwatch.alerts.watchdog;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the detection job's OFFLINE alarms per enterprise: an enterprise is <em>silent</em> when every device
 * the registry lists for it is offline — a device is offline when its device-level OFFLINE alarm (no sensor) is
 * active, or one for each of its registered sensors. Then nothing of that enterprise is being watched, which is
 * one condition for the duty room, not a list of device alarms. Pure.
 */
public final class SilentEnterprises {

    /**
     * @param enterprise the silent enterprise
     * @param gridCell   its grid cell (from its OFFLINE alarms), or null
     * @param since      when the last of its devices went offline: since then nothing of it is watched
     * @param devices    how many devices it has in the registry
     */
    public record Silent(String enterprise, String gridCell, Instant since, int devices) {
    }

    private final Map<String, Map<String, Set<String>>> sensorsByDevice;

    /** @param sensorsByDevice per enterprise, per device, the sensors the registry lists */
    public SilentEnterprises(Map<String, Map<String, Set<String>>> sensorsByDevice) {
        this.sensorsByDevice = Map.copyOf(sensorsByDevice);
    }

    /** The silent enterprises given the active alarms, sorted by enterprise. */
    public List<Silent> find(Collection<ActiveAlarm> active) {
        Map<String, List<ActiveAlarm>> offline = new HashMap<>();
        for (ActiveAlarm alarm : active) {
            if (AlarmEvent.OFFLINE.equals(alarm.alarmType()) && alarm.enterprise() != null) {
                offline.computeIfAbsent(alarm.enterprise(), e -> new ArrayList<>()).add(alarm);
            }
        }
        List<Silent> silent = new ArrayList<>();
        for (Map.Entry<String, List<ActiveAlarm>> entry : offline.entrySet()) {
            Map<String, Set<String>> devices = sensorsByDevice.get(entry.getKey());
            if (devices == null || devices.isEmpty()) {
                continue;
            }
            boolean all = devices.entrySet().stream().allMatch(d -> offline(d.getKey(), d.getValue(), entry.getValue()));
            if (all) {
                Instant since = entry.getValue().stream().map(ActiveAlarm::raisedAt).max(Instant::compareTo).orElseThrow();
                silent.add(new Silent(entry.getKey(), entry.getValue().get(0).gridCell(), since, devices.size()));
            }
        }
        silent.sort(java.util.Comparator.comparing(Silent::enterprise));
        return silent;
    }

    private static boolean offline(String device, Set<String> sensors, List<ActiveAlarm> offline) {
        List<ActiveAlarm> ofDevice = offline.stream().filter(a -> device.equals(a.device())).toList();
        if (ofDevice.stream().anyMatch(a -> a.sensor() == null || a.sensor().isBlank())) {
            return true;
        }
        return !sensors.isEmpty() && ofDevice.stream().map(ActiveAlarm::sensor).toList().containsAll(sensors);
    }
}
