package io.hazardwatch.alerts.duty;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The duty roster as read from its file: the day's shifts (local times in the park's zone; a shift whose end is not
 * after its start runs past midnight into the next day), who covers each shift by day of the week, and dated
 * overrides. Pure: resolving a day applies the weekly pattern, then the override of that date, then the swaps made
 * since (in the order they were made).
 */
public record Roster(ZoneId zone, List<Shift> shifts, Map<DayOfWeek, Map<String, Cover>> weekly,
                     Map<LocalDate, Map<String, Cover>> overrides) {

    /** One shift of every day, e.g. {@code day 08:00-20:00}, {@code night 20:00-08:00}. */
    public record Shift(String name, LocalTime from, LocalTime to) {
        public boolean crossesMidnight() {
            return !to.isAfter(from);
        }
    }

    /** Who covers a shift: the duty officer (a username of the users file) and the leader on 带班. */
    public record Cover(String officer, String leader) {
    }

    /** An empty roster (no file configured): nobody is on duty. */
    public static Roster empty(ZoneId zone) {
        return new Roster(zone, List.of(), Map.of(), Map.of());
    }

    public Optional<Shift> shift(String name) {
        return shifts.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The shifts starting on {@code date}, with the officer and leader after the overrides and {@code swaps}. */
    public List<Slot> day(LocalDate date, List<Swap> swaps) {
        List<Slot> slots = new ArrayList<>();
        for (Shift shift : shifts) {
            Cover cover = overrides.getOrDefault(date, Map.of()).get(shift.name());
            Cover usual = weekly.getOrDefault(date.getDayOfWeek(), Map.of()).get(shift.name());
            boolean overridden = cover != null;
            String officer = cover != null && cover.officer() != null ? cover.officer() : usual == null ? null : usual.officer();
            String leader = cover != null && cover.leader() != null ? cover.leader() : usual == null ? null : usual.leader();
            String swap = null;
            for (Swap s : swaps) {
                String other = s.officerOn(date, shift.name());
                if (other != null) {
                    officer = other;
                    swap = s.id();
                }
            }
            LocalDate endDate = shift.crossesMidnight() ? date.plusDays(1) : date;
            slots.add(new Slot(date, shift.name(), date.atTime(shift.from()).atZone(zone).toInstant(),
                    endDate.atTime(shift.to()).atZone(zone).toInstant(), officer, leader, overridden, swap));
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    /** The shift going on at {@code at} (one that began the day before and runs past midnight included), if any. */
    public Optional<Slot> at(Instant at, List<Swap> swaps) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        return around(today, swaps).stream().filter(s -> !at.isBefore(s.start()) && at.isBefore(s.end())).findFirst();
    }

    /** The first shift starting after {@code at}, looking a week ahead. */
    public Optional<Slot> next(Instant at, List<Swap> swaps) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        for (int d = 0; d <= 7; d++) {
            Optional<Slot> next = day(today.plusDays(d), swaps).stream().filter(s -> s.start().isAfter(at)).findFirst();
            if (next.isPresent()) {
                return next;
            }
        }
        return Optional.empty();
    }

    /** The first shift starting at or after {@code at}, or the one going on then if none starts within a week. */
    public Optional<Slot> startingFrom(Instant at, List<Swap> swaps) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        return around(today, swaps).stream().filter(s -> !s.start().isBefore(at)).findFirst()
                .or(() -> next(at, swaps));
    }

    /** The resolved days {@code from} to {@code to}, both included. */
    public List<Slot> days(LocalDate from, LocalDate to, List<Swap> swaps) {
        List<Slot> slots = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            slots.addAll(day(d, swaps));
        }
        return slots;
    }

    private List<Slot> around(LocalDate today, List<Swap> swaps) {
        List<Slot> slots = new ArrayList<>(day(today.minusDays(1), swaps));
        slots.addAll(day(today, swaps));
        slots.addAll(day(today.plusDays(1), swaps));
        return slots;
    }
}
