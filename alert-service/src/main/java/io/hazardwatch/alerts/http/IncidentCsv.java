package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.board.FeedbackSummary;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.Stamp;
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

    static String of(Collection<Incident> incidents) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        incidents.forEach(i -> line(csv, row(i)));
        return csv.toString();
    }

    private static List<String> row(Incident i) {
        Feedback f = i.feedback();
        Feedback.Report r = f.report();
        List<String> row = new ArrayList<>(List.of(i.id(), text(i.alarm().enterprise()), text(i.alarm().gridCell()),
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

    private static void stamp(List<String> row, Stamp stamp) {
        row.add(stamp == null ? "" : text(stamp.by()));
        row.add(stamp == null ? "" : text(stamp.at()));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(fields.get(i)));
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
