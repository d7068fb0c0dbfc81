package io.hazardwatch.alerts.report;

import io.hazardwatch.alerts.danger.DangerCsv;
import io.hazardwatch.alerts.report.DutyReport.Count;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A duty report as CSV (RFC 4180: CRLF lines, quoted cells where needed; UTF-8 with a byte-order mark so that
 * spreadsheet programs read the Chinese), rendered from the {@link DutyReport} alone: one row per figure,
 * {@code section,key,value,extra} (extra: a breakdown's second-level alarms, an offline sensor's "still offline").
 */
public final class ReportCsv {

    static final List<String> HEADER = List.of("section", "key", "value", "extra");

    private ReportCsv() {
    }

    public static String of(DutyReport r) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(line(HEADER.toArray()));
        row(csv, "period", "id", r.id());
        row(csv, "period", "zone", r.zone());
        row(csv, "period", "from", r.from());
        row(csv, "period", "to", r.to());
        row(csv, "period", "generatedAt", r.generatedAt());
        row(csv, "period", "complete", r.complete());
        row(csv, "alarms", "total", r.alarms().total());
        row(csv, "alarms", "stillOpen", r.alarms().stillOpen());
        counts(csv, "level", r.alarms().byLevel());
        breakdown(csv, "enterprise", r.alarms().byEnterprise());
        breakdown(csv, "gridCell", r.alarms().byGridCell());
        breakdown(csv, "alarmType", r.alarms().byAlarmType());
        timing(csv, "acknowledge", r.acknowledge());
        timing(csv, "close", r.close());
        row(csv, "feedback", "answered", r.feedback().answered());
        row(csv, "feedback", "overdue", r.feedback().overdue());
        r.feedback().overdueIncidents().forEach(id -> row(csv, "feedback.overdue", id, ""));
        counts(csv, "feedback.cause", r.feedback().byCause());
        row(csv, "feedback", "notReal", r.feedback().notReal());
        row(csv, "feedback", "falseAlarmRate", r.feedback().falseAlarmRate());
        r.offline().forEach(o -> csv.append(line("offline", o.enterprise() + "/" + o.device()
                + (o.sensor() == null ? "" : "/" + o.sensor()), o.seconds(), o.stillOffline() ? "still offline" : "")));
        row(csv, "dangers", "opened", r.dangers().opened());
        row(csv, "dangers", "accepted", r.dangers().accepted());
        row(csv, "dangers", "closed", r.dangers().closed());
        row(csv, "dangers", "overdue", r.dangers().overdue());
        row(csv, "commitments", "missing", r.commitments().missing());
        r.commitments().enterprises().forEach(e -> row(csv, "commitments.missing", e, ""));
        row(csv, "inspections", "done", r.inspections().done());
        row(csv, "inspections", "overdue", r.inspections().overdue());
        return csv.toString();
    }

    private static void timing(StringBuilder csv, String section, DutyReport.Timing t) {
        row(csv, section, "measured", t.measured());
        row(csv, section, "medianSeconds", t.medianSeconds());
        row(csv, section, "p90Seconds", t.p90Seconds());
    }

    private static void counts(StringBuilder csv, String section, Map<String, Integer> counts) {
        counts.forEach((key, n) -> row(csv, section, key, n));
    }

    private static void breakdown(StringBuilder csv, String section, List<Count> rows) {
        rows.forEach(c -> csv.append(line(section, c.key(), c.alarms(), c.secondLevel())));
    }

    private static void row(StringBuilder csv, String section, String key, Object value) {
        csv.append(line(section, key, value, ""));
    }

    private static String line(Object... cells) {
        return Stream.of(cells).map(DangerCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
