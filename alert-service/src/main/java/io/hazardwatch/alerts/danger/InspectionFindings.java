package io.hazardwatch.alerts.danger;

import io.hazardwatch.alerts.inspection.Finding;
import io.hazardwatch.alerts.inspection.FindingSink;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * An inspection's findings go into the hidden-danger register: each becomes a danger of the task's enterprise
 * (source INSPECTION, linked to the task), reported by the task's inspector, to be rectified within
 * {@value #MAJOR_DAYS} days when major and {@value #GENERAL_DAYS} days otherwise (the grid sets another deadline
 * on the danger if the case needs it).
 */
public final class InspectionFindings implements FindingSink {

    static final int MAJOR_DAYS = 15;
    static final int GENERAL_DAYS = 30;

    private final DangerRegister register;

    public InspectionFindings(DangerRegister register) {
        this.register = register;
    }

    @Override
    public Future<String> report(Finding finding, String enterprise, InspectionTask task) {
        Severity severity = finding.severity();
        Duration within = Duration.ofDays(severity == Severity.MAJOR ? MAJOR_DAYS : GENERAL_DAYS);
        String who = task.assignee() == null ? "inspection" : task.assignee();
        return register.report(new DangerRegister.NewDanger(enterprise, finding.unit(), finding.title(),
                "found by inspection task " + task.id() + " (" + task.title() + ")", severity, DangerSource.INSPECTION,
                List.of(), task.id(), null, register.now().plus(within), null), who).map(HiddenDanger::id);
    }
}
