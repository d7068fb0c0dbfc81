package io.hazardwatch.alerts.danger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The register as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese). */
public final class DangerCsv {

    private static final List<String> HEADER = List.of("id", "enterprise", "gridCell", "unit", "title", "severity",
            "source", "status", "deadline", "responsible", "supervision", "supervisedBy", "overdueSince", "overdueNow",
            "acceptedOnTime", "createdBy", "createdAt", "acceptedAt", "closedAt", "measures", "incidentIds");

    private DangerCsv() {
    }

    public static String of(Collection<HiddenDanger> dangers) {
        return of(dangers, java.time.ZoneOffset.UTC);
    }

    /** Times written in the park's time zone {@code zone}, with their offset. */
    public static String of(Collection<HiddenDanger> dangers, java.time.ZoneId zone) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(line(zone, HEADER.stream()));
        for (HiddenDanger d : dangers) {
            csv.append(line(zone, Stream.of(d.id(), d.enterprise(), d.gridCell(), d.unit(), d.title(), d.severity(),
                    d.source(), d.status(), d.deadline(), d.responsible(),
                    d.supervision() == null ? null : d.supervision().level(),
                    d.supervision() == null ? null : d.supervision().by(), d.overdueSince(), d.overdueNow(),
                    d.acceptedOnTime(), d.createdBy(), d.createdAt(), d.acceptedAt(), d.closedAt(), d.measures(),
                    String.join(" ", d.incidentIds()))));
        }
        return csv.toString();
    }

    private static String line(java.time.ZoneId zone, Stream<?> cells) {
        return cells.map(cell -> cell(cell, zone)).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One RFC 4180 cell (quoted if needed, a formula-like start kept as text), a time in UTC; also the duty reports' CSV. */
    public static String cell(Object value) {
        return cell(value, java.time.ZoneOffset.UTC);
    }

    private static String cell(Object value, java.time.ZoneId zone) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Instant i ? io.hazardwatch.alerts.policy.ParkTime.iso(i, zone) : value.toString();
        // a cell starting like a formula is kept as text in spreadsheet programs
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
