package io.hazardwatch.alerts.duty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.model.AlarmLevel;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The duty log merges the audit with what the incidents keep, once each, and finds by text, enterprise and period. */
class DutyLogTest {

    static final Instant T = HandoverSummaryTest.NOW;

    private static DutyLog log(IncidentAudit audit, Incident kept) {
        return new DutyLog(new DutyLog.Sources(() -> List.of(kept), audit, e -> "grid-" + e, List::of, List::of,
                List::of, List::of));
    }

    @Test
    void auditEventsOfRemovedIncidentsJoinTheKeptOnesOnceEach() {
        Incident kept = HandoverSummaryTest.incident("ent-a", "lel-1", AlarmLevel.FIRST, T).acknowledge("duty", T.plusSeconds(5));
        IncidentEvent sameAsKept = kept.history().get(0);
        IncidentEvent ofRemoved = new IncidentEvent("ent-b~tank-1~nh3-1~THRESHOLD~1", 3, IncidentEvent.Type.DELIVERY,
                IncidentEvent.SYSTEM, T.plusSeconds(10), "sms to leader DELIVERED");
        IncidentAudit audit = (from, to, max) -> Future.succeededFuture(List.of(sameAsKept, ofRemoved));

        DutyLog.Found found = log(audit, kept).search(new DutyLog.Query(T.minusSeconds(60), null, null, null), e -> true, 100)
                .result();

        assertThat(found.auditRead()).isTrue();
        assertThat(found.entries()).extracting(DutyLog.Entry::action).containsExactly("DELIVERY", "ACKNOWLEDGED", "RAISED");
        assertThat(found.entries().get(0).enterprise()).isEqualTo("ent-b");
        assertThat(found.entries().get(0).gridCell()).isEqualTo("grid-ent-b");
        assertThat(log(audit, kept).search(new DutyLog.Query(T.minusSeconds(60), null, "DELIVERED", "ent-b"), e -> true,
                100).result().entries()).hasSize(1);
        assertThat(log(audit, kept).search(new DutyLog.Query(T.minusSeconds(60), T.plusSeconds(1), null, null),
                e -> "ent-a".equals(e.enterprise()), 100).result().entries()).extracting(DutyLog.Entry::action)
                .containsExactly("RAISED");
    }

    @Test
    void withoutTheAuditTheKeptEventsAreShownAndSaidSo() {
        Incident kept = HandoverSummaryTest.incident("ent-a", "lel-1", AlarmLevel.FIRST, T);
        IncidentAudit away = (from, to, max) -> Future.failedFuture(new java.io.IOException("broker away"));

        DutyLog.Found found = log(away, kept).search(new DutyLog.Query(T.minusSeconds(60), null, null, null), e -> true, 100)
                .result();

        assertThat(found.auditRead()).isFalse();
        assertThat(found.entries()).extracting(DutyLog.Entry::subject).containsExactly(kept.id());
    }
}
