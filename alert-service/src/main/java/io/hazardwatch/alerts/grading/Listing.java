package io.hazardwatch.alerts.grading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise's place on the watch list (观察企业名单, over the warning line) and the priority inspection list
 * (优先检查名单, over the alarm line), kept beside the incidents (kind {@value #KIND}, id = the enterprise): the
 * entry of each list it is on now, with the date, score and reason (the factors then), and its newest
 * {@value #HISTORY_KEPT} entries and exits.
 *
 * @param watch    on the watch list since; null = not on it
 * @param priority on the priority inspection list since; null = not on it
 */
public record Listing(String enterprise, Entry watch, Entry priority, List<Move> history) {

    public static final String KIND = "listing";
    public static final int HISTORY_KEPT = 20;

    public enum Name { WATCH, PRIORITY }

    /** An entry on a list: when, the score and why (the factors that gave points then). */
    public record Entry(Instant since, int score, String reason, List<Factor> factors) {
        public Entry {
            factors = factors == null ? List.of() : List.copyOf(factors);
        }
    }

    /** An entry or exit, for the record: {@code entered} false = left the list. */
    public record Move(Name list, boolean entered, Instant at, int score, String reason) {
    }

    public Listing {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static Listing none(String enterprise) {
        return new Listing(enterprise, null, null, List.of());
    }

    public Entry entryOn(Name list) {
        return list == Name.WATCH ? watch : priority;
    }

    /** This listing after the grade: enters a list whose line the score reaches, leaves one it fell below. */
    Listing after(EnterpriseGrade grade, GradingPolicy policy) {
        Entry w = next(Name.WATCH, watch, grade, policy.warningLine());
        Entry p = next(Name.PRIORITY, priority, grade, policy.alarmLine());
        if (w == watch && p == priority) {
            return this;
        }
        List<Move> moves = new ArrayList<>(history);
        addMove(moves, Name.WATCH, watch, w, grade, policy.warningLine());
        addMove(moves, Name.PRIORITY, priority, p, grade, policy.alarmLine());
        while (moves.size() > HISTORY_KEPT) {
            moves.remove(0);
        }
        return new Listing(enterprise, w, p, moves);
    }

    private static Entry next(Name list, Entry now, EnterpriseGrade grade, int line) {
        boolean over = grade.score() >= line;
        if (over == (now != null)) {
            return now;
        }
        return over ? new Entry(grade.gradedAt(), grade.score(), reason(list, true, grade, line),
                grade.factors().stream().filter(f -> f.points() > 0).toList()) : null;
    }

    private static void addMove(List<Move> moves, Name list, Entry before, Entry after, EnterpriseGrade grade, int line) {
        if (before != after) {
            moves.add(new Move(list, after != null, grade.gradedAt(), grade.score(),
                    reason(list, after != null, grade, line)));
        }
    }

    private static String reason(Name list, boolean entered, EnterpriseGrade grade, int line) {
        String lineName = list == Name.WATCH ? "warning line" : "alarm line";
        return "score " + grade.score() + (entered ? " reached the " : " fell below the ") + lineName + " " + line
                + ": " + grade.why();
    }
}
