package io.hazardwatch.alerts.inspection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One inspection a grid member is to make at an enterprise (kept kind {@value #KIND}, id {@code task-<yyyymmdd>-<n>}).
 * Immutable: each change returns the next version with one more entry in its bounded history (who, when, what).
 *
 * @param gridCell  the enterprise's grid cell (who may work it); null if the registry does not know it
 * @param assignee  the grid member's username; null = nobody yet
 * @param origin    the incident id (FROM_ALARM, CALIBRATION: the newest incident of the pattern), the hidden-danger
 *                  id (FROM_DANGER) or null
 * @param sensor    the sensor concerned ({@code <device>/<sensor>}) for FROM_ALARM and CALIBRATION; else null
 * @param result    set once DONE
 * @param closedAt  when it was done or cancelled; null while OPEN
 */
public record InspectionTask(String id, String enterprise, String gridCell, String assignee, TaskKind kind,
                             String origin, String sensor, Instant due, TaskStatus status, TaskResult result,
                             String title, Instant createdAt, Instant closedAt, List<Event> history) {

    /** The kind of a task among the records the incident store keeps (its key: {@code task/<id>}). */
    public static final String KIND = "task";
    /** The newest history entries a task keeps (bounds the stored record). */
    public static final int HISTORY_KEPT = 50;

    /** One audited change. */
    public record Event(String who, Instant at, String what) {
    }

    public InspectionTask {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A new OPEN task, created by {@code who}. */
    public static InspectionTask open(String id, String enterprise, String gridCell, String assignee, TaskKind kind,
                                      String origin, String sensor, Instant due, String title, String who, Instant now) {
        if (enterprise == null || enterprise.isBlank()) {
            throw new IllegalArgumentException("enterprise is required");
        }
        if (kind == null || due == null) {
            throw new IllegalArgumentException(kind == null ? "kind is required" : "due is required");
        }
        InspectionTask blank = new InspectionTask(id, enterprise, gridCell, assignee, kind, origin, sensor, due,
                TaskStatus.OPEN, null, title, now, null, List.of());
        return blank.with(blank, who, now, "created " + kind + " due " + due
                + (assignee == null ? "" : ", assigned to " + assignee));
    }

    @JsonIgnore
    public boolean isOpen() {
        return status == TaskStatus.OPEN;
    }

    /** Open and past its due date. */
    public boolean overdueAt(Instant now) {
        return isOpen() && now.isAfter(due);
    }

    /** Done with {@code done}'s result (its findings already reported). */
    public InspectionTask done(TaskResult done, String who, Instant now) {
        requireOpen("record a result for");
        InspectionTask next = new InspectionTask(id, enterprise, gridCell, assignee, kind, origin, sensor, due,
                TaskStatus.DONE, done, title, createdAt, now, history);
        return with(next, who, now, "done: " + done.findings().size() + " finding(s)");
    }

    public InspectionTask cancel(String reason, String who, Instant now) {
        requireOpen("cancel");
        InspectionTask next = new InspectionTask(id, enterprise, gridCell, assignee, kind, origin, sensor, due,
                TaskStatus.CANCELLED, null, title, createdAt, now, history);
        return with(next, who, now, "cancelled" + (reason == null || reason.isBlank() ? "" : ": " + reason));
    }

    public InspectionTask assign(String to, Instant newDue, String who, Instant now) {
        requireOpen("assign");
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("assignee is required");
        }
        Instant d = newDue == null ? due : newDue;
        InspectionTask next = new InspectionTask(id, enterprise, gridCell, to, kind, origin, sensor, d, status,
                result, title, createdAt, closedAt, history);
        return with(next, who, now, "assigned to " + to + (d.equals(due) ? "" : ", due " + d));
    }

    private void requireOpen(String what) {
        if (!isOpen()) {
            throw new TaskStateException("cannot " + what + " task " + id + ": it is " + status);
        }
    }

    private InspectionTask with(InspectionTask next, String who, Instant now, String what) {
        List<Event> events = new ArrayList<>(next.history);
        events.add(new Event(who, now, what));
        while (events.size() > HISTORY_KEPT) {
            events.remove(0);
        }
        return new InspectionTask(next.id, next.enterprise, next.gridCell, next.assignee, next.kind, next.origin,
                next.sensor, next.due, next.status, next.result, next.title, next.createdAt, next.closedAt, events);
    }

    /** A change the task's state does not allow (answered 409). */
    public static final class TaskStateException extends RuntimeException {
        public TaskStateException(String message) {
            super(message);
        }
    }
}
