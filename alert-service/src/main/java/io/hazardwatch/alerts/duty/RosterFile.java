package io.hazardwatch.alerts.duty;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.YamlFiles;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The duty roster file ({@code alert.roster.file}, e.g. {@code deploy/config/roster.yaml}) as people write it, read
 * strictly and validated into a {@link Roster}; a bad value fails naming the field ({@code weekly[2].shift: ...}).
 */
public final class RosterFile {

    /** {@code shifts[]}: a shift of every day, local times in the park's zone. */
    record ShiftEntry(String name, LocalTime from, LocalTime to) {
    }

    /** {@code weekly[]}: who covers {@code shift} on each of {@code days}. */
    record WeeklyEntry(List<DayOfWeek> days, String shift, String officer, String leader) {
    }

    /** {@code overrides[]}: who covers {@code shift} on {@code date} instead (either may be left to the weekly one). */
    record OverrideEntry(LocalDate date, String shift, String officer, String leader) {
    }

    record File(List<ShiftEntry> shifts, List<WeeklyEntry> weekly, List<OverrideEntry> overrides) {
    }

    private RosterFile() {
    }

    /** Reads and validates the roster; {@code key} names the config key in messages, {@code zone} is the park's. */
    public static Roster load(Path path, String key, ZoneId zone) {
        File file = YamlFiles.read(path, File.class, key);
        try {
            return of(file, zone);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + path + ": " + e.getMessage());
        }
    }

    static Roster of(File file, ZoneId zone) {
        if (file == null || file.shifts() == null || file.shifts().isEmpty()) {
            throw new IllegalArgumentException("shifts: at least one shift is required");
        }
        List<Roster.Shift> shifts = new ArrayList<>();
        for (int i = 0; i < file.shifts().size(); i++) {
            ShiftEntry s = file.shifts().get(i);
            String at = "shifts[" + i + "]";
            if (s == null || blank(s.name())) {
                throw new IllegalArgumentException(at + ".name: required");
            }
            if (s.from() == null || s.to() == null) {
                throw new IllegalArgumentException(at + "." + (s.from() == null ? "from" : "to") + ": required (HH:mm)");
            }
            if (shifts.stream().anyMatch(o -> o.name().equals(s.name()))) {
                throw new IllegalArgumentException(at + ".name: '" + s.name() + "' is used twice");
            }
            shifts.add(new Roster.Shift(s.name(), s.from(), s.to()));
        }
        Map<DayOfWeek, Map<String, Roster.Cover>> weekly = new EnumMap<>(DayOfWeek.class);
        List<WeeklyEntry> week = file.weekly() == null ? List.of() : file.weekly();
        for (int i = 0; i < week.size(); i++) {
            WeeklyEntry w = week.get(i);
            String at = "weekly[" + i + "]";
            if (w == null || w.days() == null || w.days().isEmpty()) {
                throw new IllegalArgumentException(at + ".days: at least one day (MONDAY ... SUNDAY) is required");
            }
            knownShift(shifts, w.shift(), at);
            if (blank(w.officer())) {
                throw new IllegalArgumentException(at + ".officer: required");
            }
            for (DayOfWeek day : w.days()) {
                if (weekly.computeIfAbsent(day, d -> new HashMap<>()).put(w.shift(), new Roster.Cover(w.officer(),
                        w.leader())) != null) {
                    throw new IllegalArgumentException(at + ".days: " + day + " " + w.shift() + " is covered twice");
                }
            }
        }
        Map<LocalDate, Map<String, Roster.Cover>> overrides = new TreeMap<>();
        List<OverrideEntry> dated = file.overrides() == null ? List.of() : file.overrides();
        for (int i = 0; i < dated.size(); i++) {
            OverrideEntry o = dated.get(i);
            String at = "overrides[" + i + "]";
            if (o == null || o.date() == null) {
                throw new IllegalArgumentException(at + ".date: required (yyyy-mm-dd)");
            }
            knownShift(shifts, o.shift(), at);
            if (blank(o.officer()) && blank(o.leader())) {
                throw new IllegalArgumentException(at + ".officer: an override names an officer, a leader or both");
            }
            if (overrides.computeIfAbsent(o.date(), d -> new HashMap<>()).put(o.shift(),
                    new Roster.Cover(blank(o.officer()) ? null : o.officer(), blank(o.leader()) ? null : o.leader())) != null) {
                throw new IllegalArgumentException(at + ": " + o.date() + " " + o.shift() + " is overridden twice");
            }
        }
        return new Roster(zone, List.copyOf(shifts), weekly, overrides);
    }

    private static void knownShift(List<Roster.Shift> shifts, String name, String at) {
        if (blank(name) || shifts.stream().noneMatch(s -> s.name().equals(name))) {
            throw new IllegalArgumentException(at + ".shift: '" + name + "' is not one of the shifts "
                    + shifts.stream().map(Roster.Shift::name).toList());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
