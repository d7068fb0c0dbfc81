package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The duty room's shifts and the config files reloaded without a restart (issue 21, shifts).
 *
 * @param rosterFile {@value #ROSTER_FILE}: the duty roster (YAML: shifts, weekly pattern, dated overrides); unset =
 *                   no roster (nobody is shown on duty, hand-overs go to "the next shift")
 * @param reloadEvery {@value #RELOAD_MS}: how often the alerting policy, the roster and the users file are looked at
 *                   for changes, default 5000 ms
 */
public record DutyConfig(Path rosterFile, Duration reloadEvery) {

    public static final String ROSTER_FILE = "alert.roster.file";
    public static final String RELOAD_MS = "alert.config.reload-ms";

    public static final DutyConfig DEFAULTS = new DutyConfig(null, Duration.ofSeconds(5));

    public static DutyConfig from(Settings settings) {
        String roster = settings.string(ROSTER_FILE, "");
        return new DutyConfig(roster.isBlank() ? null : settings.existingFile(ROSTER_FILE, roster),
                Duration.ofMillis(settings.integer(RELOAD_MS, 5000, 100, 3_600_000)));
    }
}
