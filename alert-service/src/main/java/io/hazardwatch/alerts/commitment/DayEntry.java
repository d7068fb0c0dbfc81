package io.hazardwatch.alerts.commitment;

import java.util.List;

/** One enterprise's line of a day's overview: its status, its units and its commitment (null: none made). */
public record DayEntry(String enterprise, String name, String gridCell, boolean required, CommitmentStatus status,
                       List<String> units, SafetyCommitment commitment) {
}
