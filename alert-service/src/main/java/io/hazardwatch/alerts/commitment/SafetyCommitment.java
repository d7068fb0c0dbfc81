package io.hazardwatch.alerts.commitment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One enterprise's daily safety commitment (安全承诺): its responsible person declares the state of each of its
 * major-hazard units for {@code date} (the park's local day). Kept beside the incidents as kind {@value #KIND}, id
 * {@code <enterprise>/<yyyy-mm-dd>}; corrected the same day by replacing it whole, each change in {@code history}.
 *
 * @param late             first submitted after the day's deadline
 * @param firstSubmittedAt when it was first made (a correction after the deadline does not make it late)
 * @param history          who changed it when (newest {@value #HISTORY_KEPT})
 */
public record SafetyCommitment(String id, String enterprise, LocalDate date, String person, String phone,
                               List<UnitDeclaration> units, String note, String submittedBy, Instant submittedAt,
                               Instant firstSubmittedAt, boolean late, List<Change> history) {

    /** The kind of a commitment among the records the incident store keeps (key {@code commitment/<id>}). */
    public static final String KIND = "commitment";
    /** A record stays far below the store's bound however often it is corrected. */
    public static final int HISTORY_KEPT = 20;

    /** One change: who, when, what (made, corrected). */
    public record Change(String by, Instant at, String what) {
    }

    public SafetyCommitment {
        units = List.copyOf(units);
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static String idOf(String enterprise, LocalDate date) {
        return enterprise + "/" + date;
    }

    /** The declaration of {@code unit}, if this commitment has one. */
    public java.util.Optional<UnitDeclaration> declarationOf(String unit) {
        return units.stream().filter(u -> u.unit().equals(unit)).findFirst();
    }

    /** This commitment with {@code change} appended to its history (the oldest dropped past the bound). */
    SafetyCommitment recording(Change change) {
        List<Change> next = new ArrayList<>(history);
        next.add(change);
        while (next.size() > HISTORY_KEPT) {
            next.remove(0);
        }
        return new SafetyCommitment(id, enterprise, date, person, phone, units, note, submittedBy, submittedAt,
                firstSubmittedAt, late, next);
    }
}
