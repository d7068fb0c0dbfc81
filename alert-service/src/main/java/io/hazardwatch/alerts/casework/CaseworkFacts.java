package io.hazardwatch.alerts.casework;

import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.danger.Severity;
import io.hazardwatch.alerts.grading.CaseFacts;
import io.hazardwatch.alerts.inspection.InspectionTask;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * What the casework knows of an enterprise for its grade, counted from the hidden-danger register and the
 * inspection tasks as they are now: open hidden dangers (not yet accepted or closed), those overdue, the open major
 * ones, and the findings of inspections done in the last 90 days (the park's days).
 */
public final class CaseworkFacts implements CaseFacts {

    private static final int FINDINGS_DAYS = 90;

    private final Supplier<Collection<HiddenDanger>> dangers;
    private final Supplier<Collection<InspectionTask>> tasks;
    private final Supplier<Instant> now;
    private final ZoneId zone;

    public CaseworkFacts(Supplier<Collection<HiddenDanger>> dangers, Supplier<Collection<InspectionTask>> tasks,
                         Supplier<Instant> now, ZoneId zone) {
        this.dangers = dangers;
        this.tasks = tasks;
        this.now = now;
        this.zone = zone;
    }

    @Override
    public Counts of(String enterprise) {
        int open = 0;
        int overdue = 0;
        int major = 0;
        for (HiddenDanger d : dangers.get()) {
            if (!enterprise.equals(d.enterprise()) || d.status().done()) {
                continue;
            }
            open++;
            overdue += d.overdueNow() ? 1 : 0;
            major += d.severity() == Severity.MAJOR ? 1 : 0;
        }
        LocalDate since = LocalDate.ofInstant(now.get(), zone).minusDays(FINDINGS_DAYS);
        int findings = 0;
        for (InspectionTask t : tasks.get()) {
            if (enterprise.equals(t.enterprise()) && t.result() != null && !t.result().date().isBefore(since)) {
                findings += t.result().findings().size();
            }
        }
        return new Counts(open, overdue, major, findings);
    }
}
