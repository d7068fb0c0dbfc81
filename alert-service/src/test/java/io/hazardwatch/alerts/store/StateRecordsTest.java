package io.hazardwatch.alerts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.config.IncidentLimits;
import io.hazardwatch.alerts.incident.Comment;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.incident.TextTooLongException;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incident's state record stays below the broker's 1 MB, whatever happens to the incident. */
class StateRecordsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    /** The broker's and the producer's default limit for one record. */
    private static final int KAFKA_DEFAULT_LIMIT = 1_048_576;

    @Test
    void anIncidentKeepsItsNewestCommentsAndEventsAndItsRecordStaysBelowTheLimitInTheWorstCase() {
        // GIVEN the longest comments allowed, in characters of three bytes each, and long delivery errors
        String longest = "氨".repeat(IncidentLimits.COMMENT_MAX_CHARS_CEILING);
        Incident incident = open();
        for (int i = 0; i < 200; i++) {
            incident = incident.comment("duty", longest, T0.plusSeconds(i));
        }
        List<DeliveryRecord> queued = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            queued.add(DeliveryRecord.queued(incident.id() + "/step-" + i, "step-" + i, "person-" + i, "sms",
                    "+8613800000000", T0, T0));
        }
        incident = incident.queue(queued, "30 messages", T0);
        for (int attempt = 0; attempt < 300; attempt++) {
            DeliveryRecord d = incident.deliveries().get(attempt % 30);
            incident = incident.withDelivery(d.retrying("provider said: " + "错".repeat(5_000), T0, T0), T0);
        }

        // THEN only the newest comments and events are kept in the incident, and its record fits
        assertThat(incident.comments()).hasSize(Incident.COMMENTS_KEPT);
        long version = incident.version();
        assertThat(incident.history()).hasSize(Incident.HISTORY_KEPT)
                .last().satisfies(e -> assertThat(e.seq()).isEqualTo(version));
        byte[] record = StateRecords.incident("incident/" + incident.id(), incident);
        assertThat(record.length).isLessThan(StateRecords.MAX_RECORD_BYTES).isLessThan(KAFKA_DEFAULT_LIMIT)
                .as("the worst case, with room to spare").isLessThan(700_000);
        // AND the record still reads back, with every kept comment in full
        Incident stored = Json.fromBytes(record, Incident.class);
        assertThat(stored.comments()).allSatisfy(c -> assertThat(c.text()).isEqualTo(longest));
        assertThat(stored.version()).isEqualTo(incident.version());
    }

    @Test
    void theNewestEventsOfAChangeAreKeptInFullForTheAuditLog() {
        Incident before = open().comment("duty", "first", T0);
        Incident after = before.comment("duty", "x".repeat(4_000), T0.plusSeconds(1));

        List<IncidentEvent> audit = after.eventsSince(before);

        assertThat(audit).singleElement().satisfies(e -> assertThat(e.detail()).hasSize(4_000));
        // while the state record keeps an excerpt of it (the comment itself is kept in full)
        Incident stored = StateRecords.compact(after);
        assertThat(stored.history().get(stored.history().size() - 1).detail()).hasSizeLessThan(300);
        assertThat(stored.comments().get(1).text()).hasSize(4_000);
    }

    @Test
    void aRecordAboveTheLimitIsRefusedWithItsSize() {
        assertThatThrownBy(() -> StateRecords.bounded("incident/x", new byte[StateRecords.MAX_RECORD_BYTES]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above the limit of 1000000");
    }

    @Test
    void aCommentIsRequiredBoundedAndFreeOfControlCharacters() {
        Comment.check("line one\nline two\ttabbed", 100);
        assertThatThrownBy(() -> Comment.check("x".repeat(101), 100)).isInstanceOf(TextTooLongException.class)
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> Comment.check(" ", 100)).hasMessageContaining("required");
        assertThatThrownBy(() -> Comment.check("bell\u0007", 100)).hasMessageContaining("control characters");
    }

    private static Incident open() {
        return Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/lel-1/THRESHOLD", "ent-a", "tank-1",
                "lel-1", SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED,
                30, 25.0, "%LEL", "threshold", 1, T0, T0, T0), "grid-1", T0);
    }
}
