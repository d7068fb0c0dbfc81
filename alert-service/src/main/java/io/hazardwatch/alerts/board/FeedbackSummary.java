package io.hazardwatch.alerts.board;

import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Feedback;
import java.time.Instant;

/**
 * Where an enterprise's answer to an incident stands, as the board row shows it (computed here, drawn by the page).
 *
 * @param state        NOT_NEEDED (no answer asked for), DUE, LATE (a deadline passed unanswered), REPORTED, VERIFIED
 * @param nextDeadline when the next unanswered part is due (confirm, then report); null once reported
 * @param nextPart     that part ({@code confirm} or {@code report}); null once reported
 * @param cause        the reported cause, or null
 * @param late         whether any part came late or not at all (stays once answered)
 */
public record FeedbackSummary(State state, Instant nextDeadline, String nextPart, Cause cause, boolean late) {

    public enum State {
        NOT_NEEDED,
        DUE,
        LATE,
        REPORTED,
        VERIFIED
    }

    public static FeedbackSummary of(Feedback f) {
        String next = !f.needed() || f.report() != null ? null
                : f.answered(Feedback.CONFIRM) ? Feedback.REPORT : Feedback.CONFIRM;
        return new FeedbackSummary(stateOf(f), next == null ? null : f.deadlineOf(next), next, f.cause(), f.wasLate());
    }

    private static State stateOf(Feedback f) {
        if (f.verified() != null) {
            return State.VERIFIED;
        }
        if (f.report() != null) {
            return State.REPORTED;
        }
        if (!f.needed()) {
            return State.NOT_NEEDED;
        }
        return f.overdueSince() != null ? State.LATE : State.DUE;
    }
}
