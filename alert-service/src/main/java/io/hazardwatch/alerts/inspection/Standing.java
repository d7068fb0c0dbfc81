package io.hazardwatch.alerts.inspection;

/**
 * An enterprise's standing for the inspection schedule: on the priority inspection list (优先检查名单) or the
 * watch list (观察企业名单). The grading part implements it; until it is wired, {@link #NONE} puts every
 * enterprise on neither list, so all are inspected at the {@code others} interval.
 */
public interface Standing {

    boolean priority(String enterprise);

    boolean watch(String enterprise);

    /** Neither list for anyone (until the grading's lists are wired). */
    Standing NONE = new Standing() {
        @Override
        public boolean priority(String enterprise) {
            return false;
        }

        @Override
        public boolean watch(String enterprise) {
            return false;
        }
    };
}
