package io.hazardwatch.alerts.watchdog;

import java.time.Instant;
import java.util.List;

/**
 * What the board's header shows: each stage's state, and the enterprises that are silent. Built by the server
 * (the one author of these facts); the page only draws it.
 *
 * @param at                when it was judged
 * @param stages            every stage, in the order a reading passes them
 * @param silentEnterprises enterprises whose devices are all offline
 */
public record MonitoringView(Instant at, List<StageStatus> stages, List<SilentEnterprises.Silent> silentEnterprises) {

    public MonitoringView {
        stages = List.copyOf(stages);
        silentEnterprises = List.copyOf(silentEnterprises);
    }

    /** Whether {@code other} shows something else (ignoring when it was judged). */
    public boolean differsFrom(MonitoringView other) {
        return other == null || !stages.equals(other.stages) || !silentEnterprises.equals(other.silentEnterprises);
    }
}
