package io.hazardwatch.alerts.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.FeedbackSummary.State;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Stamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row's feedback badge, computed on the server from the incident's feedback. */
class FeedbackSummaryTest {

    private static final Instant CONFIRM_BY = Instant.parse("2026-11-24T08:05:00Z");
    private static final Instant REPORT_BY = Instant.parse("2026-11-24T08:30:00Z");
    private static final Stamp STAMP = new Stamp("u", CONFIRM_BY);
    private static final Feedback.Report REPORT = new Feedback.Report(Cause.SENSOR_FAULT, "m", "r", "u", REPORT_BY);

    private static Feedback feedback(Stamp confirmed, Feedback.Report report, Stamp verified, List<String> late) {
        return new Feedback(confirmed, report, List.of(), verified, late, CONFIRM_BY, REPORT_BY);
    }

    @Test
    void eachStateWithItsNextDeadline() {
        assertThat(FeedbackSummary.of(Feedback.NONE)).isEqualTo(new FeedbackSummary(State.NOT_NEEDED, null, null, null, false));
        assertThat(FeedbackSummary.of(feedback(null, null, null, List.of())))
                .isEqualTo(new FeedbackSummary(State.DUE, CONFIRM_BY, "confirm", null, false));
        assertThat(FeedbackSummary.of(feedback(STAMP, null, null, List.of())))
                .isEqualTo(new FeedbackSummary(State.DUE, REPORT_BY, "report", null, false));
        assertThat(FeedbackSummary.of(feedback(null, null, null, List.of("confirm"))))
                .isEqualTo(new FeedbackSummary(State.LATE, CONFIRM_BY, "confirm", null, true));
        assertThat(FeedbackSummary.of(feedback(STAMP, null, null, List.of("confirm"))).state())
                .as("the late part was answered, the next is not due yet").isEqualTo(State.DUE);
        assertThat(FeedbackSummary.of(feedback(STAMP, REPORT, null, List.of("confirm"))))
                .isEqualTo(new FeedbackSummary(State.REPORTED, null, null, Cause.SENSOR_FAULT, true));
        assertThat(FeedbackSummary.of(feedback(STAMP, REPORT, STAMP, List.of())).state()).isEqualTo(State.VERIFIED);
    }
}
