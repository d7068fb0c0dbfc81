package io.hazardwatch.alerts.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A daily or weekly duty report, as the server computed it: the page and the CSV only render it. Lists are bounded
 * ({@link ReportFigures#LIST_MAX}) so that a kept report stays far below the store's record limit.
 *
 * @param id          {@code daily/<date>} or {@code weekly/<yyyy-Www>} (also its key among the kept records)
 * @param zone        the park's time zone the period's days are read in
 * @param from        the period's first instant; {@code to} the instant after it (exclusive)
 * @param complete    whether the period had ended when the report was generated (else: "so far")
 * @param source      where the figures come from (the incident book, the casework books)
 * @param alarms      the enterprises' alarms opened in the period (platform and casework incidents excluded)
 * @param acknowledge time from opening to acknowledgement of those alarms; {@code close} to closing
 * @param offline     the sensors and devices offline longest within the period, longest first
 */
public record DutyReport(String id, String kind, String period, String zone, LocalDate firstDay, LocalDate lastDay,
                         Instant from, Instant to, Instant generatedAt, boolean complete, String source,
                         Alarms alarms, Timing acknowledge, Timing close, FeedbackFigures feedback,
                         List<Offline> offline, DangerFigures dangers, CommitmentFigures commitments,
                         InspectionFigures inspections) {

    /** The kind of a kept report among the records beside the incidents (key {@code report/daily/<date>}). */
    public static final String KIND = "report";

    public DutyReport {
        offline = List.copyOf(offline);
    }

    /** How many alarms (by level: FIRST, SECOND) and how they spread. */
    public record Alarms(int total, Map<String, Integer> byLevel, int stillOpen, List<Count> byEnterprise,
                         List<Count> byGridCell, List<Count> byAlarmType) {
        public Alarms {
            byLevel = Map.copyOf(byLevel);
            byEnterprise = List.copyOf(byEnterprise);
            byGridCell = List.copyOf(byGridCell);
            byAlarmType = List.copyOf(byAlarmType);
        }
    }

    /** One row of a breakdown: its key (an enterprise, a grid cell, an alarm type) and its alarms. */
    public record Count(String key, int alarms, int secondLevel) {
    }

    /** A duration's spread over the alarms measured; null seconds when none was. */
    public record Timing(int measured, Long medianSeconds, Long p90Seconds) {
    }

    /**
     * The enterprises' answers: how many alarms got one, how many were late or are overdue (ids, newest first),
     * the causes given and the share of those that were not real (the false-alarm rate, null without answers).
     */
    public record FeedbackFigures(int answered, int overdue, List<String> overdueIncidents, Map<String, Integer> byCause,
                                  int notReal, Double falseAlarmRate) {
        public FeedbackFigures {
            overdueIncidents = List.copyOf(overdueIncidents);
            byCause = Map.copyOf(byCause);
        }
    }

    /** A sensor (or a device, {@code sensor} null) offline for {@code seconds} of the period. */
    public record Offline(String enterprise, String gridCell, String device, String sensor, long seconds,
                          boolean stillOffline) {
    }

    /** Hidden dangers: found, accepted as rectified and closed in the period; overdue at its end (or now). */
    public record DangerFigures(int opened, int accepted, int closed, int overdue) {
    }

    /** Daily commitments missing in the period (COMMITMENT_MISSING incidents), and of which enterprises. */
    public record CommitmentFigures(int missing, List<String> enterprises) {
        public CommitmentFigures {
            enterprises = List.copyOf(enterprises);
        }
    }

    /** Inspection tasks done in the period; open and past due at its end (or now). */
    public record InspectionFigures(int done, int overdue) {
    }
}
