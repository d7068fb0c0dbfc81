package io.hazardwatch.alerts.grading;

/**
 * What the casework knows of an enterprise for its grade: hidden dangers (open, overdue, major) and inspection
 * findings. The hidden-danger register and the inspections answer it; until they are wired, {@link #NONE}.
 */
public interface CaseFacts {

    /** Counts of one enterprise now. */
    record Counts(int openDangers, int overdueDangers, int majorDangers, int findings90d) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0);
    }

    /** Nothing known: every count zero. */
    CaseFacts NONE = enterprise -> Counts.ZERO;

    Counts of(String enterprise);
}
