package io.hazardwatch.alerts.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.MovableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule on a driven clock: yesterday's report at 08:00 in the park, kept once, Mondays the week's too. */
class ReportScheduleTest {

    private final List<Kept> stored = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    // Saturday 2026-12-05 07:59 in Shanghai
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T23:59:00Z"));

    private ReportBook book() {
        return new ReportBook(ReportFiguresTest.ZONE, LocalTime.of(8, 0), Duration.ofDays(30),
                new ReportBook.Sources(ReportFiguresTest::incidents, List::of, List::of), kept -> {
                    stored.addAll(kept);
                    return Future.succeededFuture();
                }, deleted::addAll, clock);
    }

    @Test
    void yesterdaysReportIsGeneratedAtEightInTheParkAndKeptOnce() {
        ReportBook book = book();

        book.check();
        assertThat(stored).as("07:59: not yet").isEmpty();

        clock.set(Instant.parse("2026-12-05T00:00:00Z")); // 08:00
        book.check();
        book.check();
        assertThat(stored).extracting(Kept::key).containsExactly("report/daily/2026-12-04");
        assertThat(book.list()).extracting(ReportBook.Summary::id).containsExactly("daily/2026-12-04");

        clock.set(Instant.parse("2026-12-06T00:30:00Z")); // Sunday 08:30
        book.check();
        DutyReport kept = stored.get(1).as(DutyReport.class);
        assertThat(kept.id()).isEqualTo("daily/2026-12-05");
        assertThat(kept.alarms().total()).isEqualTo(4);
        assertThat(kept.complete()).isTrue();
    }

    @Test
    void onMondayLastWeeksReportIsGeneratedTooAndAReportKeptSoFarIsRedone() {
        ReportBook book = book();
        clock.set(Instant.parse("2026-12-06T12:00:00Z")); // Sunday 20:00: today so far, as the demo does
        book.generate(ReportPeriod.day(book.today(), book.zone()));
        assertThat(stored.get(0).as(DutyReport.class).complete()).isFalse();

        clock.set(Instant.parse("2026-12-07T01:00:00Z")); // Monday 09:00
        book.check();

        assertThat(stored).extracting(Kept::key).containsExactly("report/daily/2026-12-06", "report/daily/2026-12-06",
                "report/weekly/2026-W49");
        assertThat(book.kept("daily/2026-12-06").orElseThrow().complete()).isTrue();
    }

    @Test
    void aKeptReportRoundTripsThroughItsJsonAndServesADayPastTheRetention() throws Exception {
        ReportBook book = book();
        clock.set(Instant.parse("2026-12-06T00:30:00Z"));
        book.check();
        DutyReport original = stored.get(0).as(DutyReport.class);
        DutyReport loaded = new Kept(DutyReport.KIND, original.id(),
                Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(original))).as(DutyReport.class);
        assertThat(loaded).isEqualTo(original);

        clock.set(Instant.parse("2027-02-01T00:30:00Z")); // 2026-12-05 is past the 30 days
        ReportBook restarted = book();
        restarted.resume(List.of(loaded));
        assertThat(restarted.report(ReportPeriod.parseDay("2026-12-05", ReportFiguresTest.ZONE), "date"))
                .contains(loaded);
        assertThat(restarted.report(ReportPeriod.parseDay("2026-12-01", ReportFiguresTest.ZONE), "date")).isEmpty();
    }

    @Test
    void reportsOlderThanTheirKeepingAreDeleted() {
        ReportBook book = book();
        clock.set(Instant.parse("2026-12-06T00:30:00Z"));
        book.check();

        clock.advance(Duration.ofDays(ReportBook.KEPT_DAYS + 2));
        book.check();

        assertThat(deleted).contains("report/daily/2026-12-05");
        assertThat(book.kept("daily/2026-12-05")).isEmpty();
    }
}
