package io.hazardwatch.alerts.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a duty report covers, in the park's time zone: one day ({@code 2026-12-05}) or one ISO week
 * ({@code 2026-W49}, Monday to Sunday). {@code from} is the first day's local midnight, {@code to} the midnight after
 * the last day (exclusive): a day of a clock change is 23 or 25 hours long.
 */
public record ReportPeriod(Kind kind, String label, LocalDate firstDay, LocalDate lastDay, Instant from, Instant to) {

    public enum Kind { DAILY, WEEKLY }

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    public static ReportPeriod day(LocalDate day, ZoneId zone) {
        return new ReportPeriod(Kind.DAILY, day.toString(), day, day, day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The ISO week that {@code anyDay} falls in. */
    public static ReportPeriod weekOf(LocalDate anyDay, ZoneId zone) {
        LocalDate monday = anyDay.with(DayOfWeek.MONDAY);
        String label = String.format("%04d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new ReportPeriod(Kind.WEEKLY, label, monday, monday.plusDays(6), monday.atStartOfDay(zone).toInstant(),
                monday.plusDays(7).atStartOfDay(zone).toInstant());
    }

    /** The day {@code raw} names ({@code 2026-12-05}); an IllegalArgumentException naming the field otherwise. */
    public static ReportPeriod parseDay(String raw, ZoneId zone) {
        try {
            return day(LocalDate.parse(raw == null ? "" : raw.trim()), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date: '" + raw + "' is not a day such as 2026-12-05");
        }
    }

    /** The ISO week {@code raw} names ({@code 2026-W49}); an IllegalArgumentException naming the field otherwise. */
    public static ReportPeriod parseWeek(String raw, ZoneId zone) {
        Matcher m = WEEK.matcher(raw == null ? "" : raw.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("week: '" + raw + "' is not an ISO week such as 2026-W49");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate jan4 = LocalDate.of(year, 1, 4);
        if (week < 1 || week > jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            throw new IllegalArgumentException("week: '" + raw + "' has no week " + week);
        }
        return weekOf(jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week), zone);
    }

    /** The id a kept report of this period has: {@code daily/2026-12-05}, {@code weekly/2026-W49}. */
    public String id() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + label;
    }

    public boolean contains(Instant at) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }
}
