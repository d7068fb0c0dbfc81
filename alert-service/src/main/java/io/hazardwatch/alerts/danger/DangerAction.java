package io.hazardwatch.alerts.danger;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The moves on a hidden danger, each with its path ({@code POST /api/dangers/{id}/<path>}), the statuses it is
 * allowed from, and who may make it ({@link Access}). The one place both the API and the board's buttons read.
 */
public enum DangerAction {
    START("start", DangerStatus.REPORTED, DangerStatus.SENT_BACK),
    PROGRESS("progress", DangerStatus.RECTIFYING),
    SUBMIT("submit", DangerStatus.RECTIFYING),
    ACCEPT("accept", DangerStatus.SUBMITTED),
    SEND_BACK("send-back", DangerStatus.SUBMITTED),
    CLOSE("close", DangerStatus.ACCEPTED),
    /** Only for MAJOR dangers, in any status but CLOSED. */
    SUPERVISE("supervise", DangerStatus.REPORTED, DangerStatus.RECTIFYING, DangerStatus.SUBMITTED,
            DangerStatus.SENT_BACK, DangerStatus.ACCEPTED);

    private final String path;
    private final Set<DangerStatus> from;

    DangerAction(String path, DangerStatus... from) {
        this.path = path;
        this.from = Set.of(from);
    }

    public String path() {
        return path;
    }

    public Set<DangerStatus> from() {
        return from;
    }

    public static Optional<DangerAction> ofPath(String path) {
        return Arrays.stream(values()).filter(a -> a.path.equals(path)).findFirst();
    }

    /** Whether the danger's status (and severity) allow this move at all. */
    public boolean possibleOn(HiddenDanger d) {
        return from.contains(d.status()) && (this != SUPERVISE || d.severity() == Severity.MAJOR);
    }

    /** Whether {@code user} may make this move on {@code d} (for SUPERVISE: changing its current level). */
    public boolean permitted(User user, HiddenDanger d) {
        return switch (this) {
            case START, PROGRESS, SUBMIT -> Access.mayRectifyDanger(user, d.enterprise());
            case ACCEPT, SEND_BACK, CLOSE -> Access.mayVerifyDanger(user, d.enterprise(), d.gridCell());
            case SUPERVISE -> Access.maySuperviseDanger(user, d.enterprise(), d.gridCell(),
                    d.supervision() != null && d.supervision().level() == SupervisionLevel.CITY);
        };
    }

    /** The moves {@code user} may make on {@code d} now: the board's buttons. */
    public static List<String> available(User user, HiddenDanger d) {
        return Arrays.stream(values()).filter(a -> a.possibleOn(d) && a.permitted(user, d)).map(DangerAction::path)
                .toList();
    }
}
