package io.hazardwatch.alerts.inspection;

import java.time.LocalDate;
import java.util.List;

/**
 * What an inspection found.
 *
 * @param date      the day of the inspection on site
 * @param inspector who inspected (the grid member's username)
 * @param notes     the checklist notes
 * @param findings  what was wrong; each becomes a hidden danger
 */
public record TaskResult(LocalDate date, String inspector, String notes, List<Finding> findings) {

    /** Bounds the kept record (a task is one record of the store, well under its size limit). */
    public static final int MAX_FINDINGS = 30;
    public static final int MAX_NOTES_CHARS = 4000;

    public TaskResult {
        findings = findings == null ? List.of() : List.copyOf(findings);
        if (date == null) {
            throw new IllegalArgumentException("date is required");
        }
        if (notes != null && notes.length() > MAX_NOTES_CHARS) {
            throw new IllegalArgumentException("notes: at most " + MAX_NOTES_CHARS + " characters");
        }
        if (findings.size() > MAX_FINDINGS) {
            throw new IllegalArgumentException("findings: at most " + MAX_FINDINGS);
        }
    }

    public TaskResult withFindings(List<Finding> reported) {
        return new TaskResult(date, inspector, notes, reported);
    }
}
