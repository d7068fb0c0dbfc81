package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.board.FeedbackSummary;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.Stamp;
import io.hazardwatch.alerts.policy.ParkTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The incidents' record as CSV (RFC 4180: CRLF lines, fields with a comma, quote or line break quoted), one row each. */
final class IncidentCsv {

    static final List<String> HEADER = List.of("id", "enterprise", "gridCell", "device", "sensor", "alarmType", "level",
            "status", "raisedAt", "openedAt", "clearedAt", "acknowledgedBy", "acknowledgedAt", "closedBy", "closedAt",
            "disposalAction", "disposalNotes", "feedbackState", "feedbackLate", "confirmBy", "confirmedBy",
            "confirmedAt", "reportBy", "cause", "measures", "responsible", "reportedBy", "reportedAt", "attachments",
            "verifiedBy", "verifiedAt");

    private IncidentCsv() {
    }

    /** Times written in the park's time zone {@code zone}, with their offset ({@link ParkTime#iso}). */
    static String of(Collection<Incident> incidents, ZoneId zone) {
        StringBuilder csv = new StringBuilder();
        line(csv, List.copyOf(HEADER), zone);
        incidents.forEach(i -> line(csv, row(i), zone));
        return csv.toString();
    }

    static String of(Collection<Incident> incidents) {
        return of(incidents, java.time.ZoneOffset.UTC);
    }

    private static List<Object> row(Incident i) {
        Feedback f = i.feedback();
        Feedback.Report r = f.report();
        List<Object> row = new ArrayList<>(List.of(i.id(), text(i.alarm().enterprise()), text(i.alarm().gridCell()),
                text(i.alarm().device()), text(i.alarm().sensor()), text(i.alarm().alarmType()),
                text(i.alarm().level()), text(i.status()), text(i.alarm().raisedAt()), text(i.openedAt()),
                text(i.clearedAt())));
        stamp(row, i.acknowledged());
        row.addAll(List.of(i.disposal() == null ? "" : text(i.disposal().by()),
                i.disposal() == null ? "" : text(i.disposal().at()), i.disposal() == null ? "" : text(i.disposal().action()),
                i.disposal() == null ? "" : text(i.disposal().notes()), text(FeedbackSummary.of(f).state()),
                String.join(" ", f.late()), text(f.confirmBy())));
        stamp(row, f.confirmed());
        row.addAll(List.of(text(f.reportBy()), r == null ? "" : text(r.cause()), r == null ? "" : text(r.measures()),
                r == null ? "" : text(r.responsible()), r == null ? "" : text(r.by()), r == null ? "" : text(r.at()),
                String.join(" ", f.attachments().stream().map(Feedback.Attachment::name).toList())));
        stamp(row, f.verified());
        return row;
    }

    private static void stamp(List<Object> row, Stamp stamp) {
        row.add(stamp == null ? "" : text(stamp.by()));
        row.add(stamp == null ? "" : text(stamp.at()));
    }

    /** The text of a value; an instant stays one until the line is written in the park's zone. */
    private static Object text(Object value) {
        return value == null ? "" : value instanceof Instant ? value : value.toString();
    }

    /** One line of text fields (the duty log's CSV). */
    static void line(StringBuilder csv, List<String> fields) {
        line(csv, new ArrayList<Object>(fields), java.time.ZoneOffset.UTC);
    }

    private static void line(StringBuilder csv, List<Object> fields, ZoneId zone) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object field = fields.get(i);
            csv.append(quoted(field instanceof Instant at ? ParkTime.iso(at, zone) : String.valueOf(field)));
        }
        csv.append("\r\n");
    }

    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
