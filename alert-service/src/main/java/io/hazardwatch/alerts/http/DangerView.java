package io.hazardwatch.alerts.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.danger.DangerAction;
import io.hazardwatch.alerts.danger.HiddenDanger;
import java.util.List;

/**
 * A hidden danger as the API shows it to one user: its fields, whether it is overdue now, and the moves this user
 * may make on it now (the board's buttons; the server decides them).
 */
public record DangerView(@JsonUnwrapped HiddenDanger danger, boolean overdue, List<String> actions) {

    public static DangerView of(HiddenDanger danger, User user) {
        return new DangerView(danger, danger.overdueNow(), DangerAction.available(user, danger));
    }
}
