package io.hazardwatch.alerts.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.board.FeedbackSummary;
import io.hazardwatch.alerts.incident.Comment;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DispatchReply;
import io.hazardwatch.alerts.incident.Disposal;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.incident.IncidentStatus;
import io.hazardwatch.alerts.incident.Stamp;
import java.time.Instant;
import java.util.List;

/** An incident as the API shows it; the list leaves out history and deliveries (null), the detail has them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(String id, IncidentStatus status, ActiveAlarm alarm, Instant openedAt, Instant clearedAt,
                           Stamp acknowledged, Disposal disposal, String suppressedBy, List<Comment> comments,
                           List<DeliveryRecord> deliveries, List<IncidentEvent> history, long version,
                           Feedback feedback, FeedbackSummary feedbackState, DispatchReply dispatch) {

    public static IncidentView summary(Incident i) {
        return new IncidentView(i.id(), i.status(), i.alarm(), i.openedAt(), i.clearedAt(), i.acknowledged(),
                i.disposal(), i.suppressedBy(), i.comments(), null, null, i.version(), i.feedback(),
                FeedbackSummary.of(i.feedback()), i.dispatch());
    }

    /** The whole incident as {@code viewer} may see it (to an enterprise no staff addresses, {@link Access}). */
    public static IncidentView detail(Incident i, User viewer) {
        return new IncidentView(i.id(), i.status(), i.alarm(), i.openedAt(), i.clearedAt(), i.acknowledged(),
                i.disposal(), i.suppressedBy(), i.comments(),
                i.deliveries().stream().map(d -> Access.asSeenBy(viewer, d)).toList(), history(i, viewer),
                i.version(), i.feedback(), FeedbackSummary.of(i.feedback()), i.dispatch());
    }

    /** The incident's audit trail as {@code viewer} may see it ({@link Access#asSeenBy}). */
    public static List<IncidentEvent> history(Incident i, User viewer) {
        return i.history().stream().map(e -> Access.asSeenBy(viewer, e)).toList();
    }
}
