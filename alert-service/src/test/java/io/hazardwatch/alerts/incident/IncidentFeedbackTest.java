package io.hazardwatch.alerts.incident;

import static io.hazardwatch.alerts.incident.IncidentBookTest.T0;
import static io.hazardwatch.alerts.incident.IncidentBookTest.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The enterprise's answer on the incident itself: each change a new version with its audit event. */
class IncidentFeedbackTest {

    private static final Instant CONFIRM_BY = T0.plus(Duration.ofMinutes(5));
    private static final Instant REPORT_BY = T0.plus(Duration.ofMinutes(30));

    private static Incident asked() {
        return Incident.open(gas(RAISED, FIRST, 30, T0, T0), "grid-1", T0).withFeedbackDeadlines(CONFIRM_BY, REPORT_BY);
    }

    private static Feedback.Attachment photo(int n) {
        return new Feedback.Attachment("att-" + n, "photo-" + n + ".jpg", "image/jpeg", 100, "ent-a-user", T0);
    }

    @Test
    void confirmReportAndVerifyEachAddAVersionWithItsEvent() {
        Incident confirmed = asked().confirmFeedback("ent-a-user", T0.plusSeconds(60));
        Incident reported = confirmed.reportFeedback("ent-a-user", Cause.REAL_RELEASE, "valve closed", "Wang",
                T0.plusSeconds(600));
        Incident verified = reported.verifyFeedback("duty", T0.plusSeconds(900));

        assertThat(verified.version()).isEqualTo(asked().version() + 3);
        assertThat(verified.history()).extracting(IncidentEvent::type).endsWith(Type.FEEDBACK_CONFIRMED,
                Type.FEEDBACK_REPORTED, Type.FEEDBACK_VERIFIED);
        Feedback f = verified.feedback();
        assertThat(f.confirmed()).isEqualTo(new Stamp("ent-a-user", T0.plusSeconds(60)));
        assertThat(f.cause()).isEqualTo(Cause.REAL_RELEASE);
        assertThat(f.report().at()).isEqualTo(T0.plusSeconds(600));
        assertThat(f.verified().by()).isEqualTo("duty");
        assertThat(f.wasLate()).isFalse();
    }

    @Test
    void aPartAnsweredAfterItsDeadlineCountsAsLate() {
        Incident reported = asked().reportFeedback("ent-a-user", Cause.SENSOR_FAULT, "sensor replaced", "Li",
                CONFIRM_BY.plusSeconds(1));

        assertThat(reported.feedback().late()).containsExactly(Feedback.CONFIRM);
        assertThat(reported.feedback().confirmed()).as("a report confirms too").isNotNull();
        assertThat(reported.feedback().wasLate()).isTrue();
    }

    @Test
    void aReportMayBeCorrectedUntilVerified() {
        Incident first = asked().reportFeedback("ent-a-user", Cause.FALSE_ALARM, "nothing found", "Li", T0);
        Incident corrected = first.reportFeedback("ent-a-user", Cause.MAINTENANCE, "calibration under way", "Li", T0);
        assertThat(corrected.feedback().cause()).isEqualTo(Cause.MAINTENANCE);
        assertThat(corrected.history().get(corrected.history().size() - 1).detail()).startsWith("corrected: ");

        Incident verified = corrected.verifyFeedback("duty", T0);
        assertThatThrownBy(() -> verified.reportFeedback("ent-a-user", Cause.TEST, "x", "y", T0))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("verified");
        assertThatThrownBy(() -> verified.attach(photo(1), 10)).isInstanceOf(LifecycleException.class);
    }

    @Test
    void aReportNeedsCauseMeasuresAndResponsible() {
        assertThatThrownBy(() -> asked().reportFeedback("u", null, "m", "r", T0)).hasMessageContaining("cause");
        assertThatThrownBy(() -> asked().reportFeedback("u", Cause.TEST, " ", "r", T0)).hasMessageContaining("measures");
        assertThatThrownBy(() -> asked().reportFeedback("u", Cause.TEST, "m", null, T0)).hasMessageContaining("responsible");
    }

    @Test
    void verifyingNeedsAReportAndHappensOnce() {
        assertThatThrownBy(() -> asked().verifyFeedback("duty", T0)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("no report");
        Incident verified = asked().reportFeedback("u", Cause.TEST, "m", "r", T0).verifyFeedback("duty", T0);
        assertThatThrownBy(() -> verified.verifyFeedback("duty", T0)).isInstanceOf(LifecycleException.class);
    }

    @Test
    void closingVerifiesAnUnverifiedReportWithTheSameStampAndNeedsNoFeedbackAtAll() {
        Instant closedAt = T0.plusSeconds(3600);
        Incident cleared = asked().onTransition(gas(CLEARED, NONE, 10, T0, T0.plusSeconds(60)), T0.plusSeconds(60));

        Incident closedWithout = cleared.close("duty", "checked", null, closedAt);
        assertThat(closedWithout.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(closedWithout.feedback().verified()).isNull();

        Incident closed = cleared.reportFeedback("u", Cause.REAL_RELEASE, "m", "r", T0.plusSeconds(70))
                .close("duty", "checked", null, closedAt);
        assertThat(closed.feedback().verified()).isEqualTo(new Stamp("duty", closedAt));
        assertThat(closed.disposal().at()).isEqualTo(closedAt);
        assertThatThrownBy(() -> closed.confirmFeedback("u", closedAt)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anIncidentWithoutDeadlinesNeedsNoAnswer() {
        Incident unasked = Incident.open(gas(RAISED, FIRST, 30, T0, T0), "grid-1", T0);
        assertThat(unasked.feedback().needed()).isFalse();
        assertThatThrownBy(() -> unasked.confirmFeedback("u", T0)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("needs no feedback");
    }

    @Test
    void attachmentsAreBoundedPerIncident() {
        Incident two = asked().attach(photo(1), 2).attach(photo(2), 2);
        assertThat(two.feedback().attachments()).extracting(Feedback.Attachment::id).containsExactly("att-1", "att-2");
        assertThat(two.history().get(two.history().size() - 1).type()).isEqualTo(Type.ATTACHMENT_ADDED);
        assertThatThrownBy(() -> two.attach(photo(3), 2)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("2 attachments");
    }

    @Test
    void aPartIsMarkedLateOnceAndOverdueUntilAnswered() {
        Incident incident = asked();
        assertThat(incident.feedback().overdueAt(CONFIRM_BY.minusMillis(1))).isEmpty();
        assertThat(incident.feedback().overdueAt(CONFIRM_BY)).containsExactly(Feedback.CONFIRM);

        Incident late = incident.markLate(Feedback.CONFIRM, CONFIRM_BY);
        assertThat(late.markLate(Feedback.CONFIRM, CONFIRM_BY)).isSameAs(late);
        assertThat(late.history().get(late.history().size() - 1).type()).isEqualTo(Type.FEEDBACK_OVERDUE);
        assertThat(late.feedback().overdueAt(CONFIRM_BY.plusSeconds(1))).isEmpty();
        assertThat(late.feedback().overdueSince()).isEqualTo(CONFIRM_BY);

        Incident answered = late.confirmFeedback("u", CONFIRM_BY.plusSeconds(5));
        assertThat(answered.feedback().overdueSince()).isNull();
        assertThat(answered.feedback().late()).as("late stays on the record").containsExactly(Feedback.CONFIRM);
    }
}
