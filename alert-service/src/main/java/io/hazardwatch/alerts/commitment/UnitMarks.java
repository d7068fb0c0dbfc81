package io.hazardwatch.alerts.commitment;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.casework.CaseAlarms;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Marks a board row with what today's commitment declares for the unit its sensor watches (the registry's
 * {@code devices[].unit}): e.g. MAINTENANCE with HOT_WORK under way. Only a mark: the alarm's notifications and
 * escalation are exactly those of any other alarm.
 */
public final class UnitMarks implements UnaryOperator<BoardRow> {

    private final BiFunction<String, String, Optional<String>> unitOf;
    private final CommitmentBook book;
    private final Clock clock;

    /** @param unitOf the unit of an enterprise's device, if it names one (e.g. {@code registry::unitOf}) */
    public UnitMarks(BiFunction<String, String, Optional<String>> unitOf, CommitmentBook book, Clock clock) {
        this.unitOf = unitOf;
        this.book = book;
        this.clock = clock;
    }

    @Override
    public BoardRow apply(BoardRow row) {
        ActiveAlarm alarm = row.alarm();
        if (alarm.enterprise() == null || alarm.device() == null || CaseAlarms.isCasework(alarm)) {
            return row;
        }
        return unitOf.apply(alarm.enterprise(), alarm.device())
                .flatMap(unit -> book.get(alarm.enterprise(), book.rules().today(clock.instant()))
                        .flatMap(c -> c.declarationOf(unit)))
                .map(row::withDeclared)
                .orElse(row);
    }
}
