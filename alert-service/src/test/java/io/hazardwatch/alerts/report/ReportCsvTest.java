package io.hazardwatch.alerts.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV of a report: RFC 4180 (CRLF, quoting), rendered from the report alone. */
class ReportCsvTest {

    @Test
    void oneRowPerFigureWithCrlfAndQuotedCells() {
        String csv = ReportCsv.of(ReportFiguresTest.report());

        assertThat(csv).startsWith("\uFEFFsection,key,value,extra\r\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(csv).contains("\r\nperiod,id,daily/2026-12-05,\r\n")
                .contains("\r\nalarms,total,4,\r\n")
                .contains("\r\nlevel,SECOND,1,\r\n")
                .contains("\r\nenterprise,ent-a,2,1\r\n")
                .contains("\r\nacknowledge,medianSeconds,180,\r\n")
                .contains("\r\nacknowledge,p90Seconds,600,\r\n")
                .contains("\r\nfeedback,falseAlarmRate,0.5,\r\n")
                .contains("\r\noffline,ent-b/room-1/nh3-2,3600,still offline\r\n")
                .contains("\r\ndangers,overdue,1,\r\n")
                .contains("\r\ncommitments.missing,ent-c,,\r\n")
                .endsWith("\r\ninspections,overdue,1,\r\n");
    }

    @Test
    void aCommaAQuoteOrANewlineInANameIsQuotedAndAFormulaKeptAsText() {
        DutyReport r = ReportFigures.compute(ReportFiguresTest.DAY, ReportFiguresTest.ZONE, List.of(
                ReportFixtures.incident(ReportFixtures.alarm("ent \"north\", east", "=cell\n2", "d", "s", "THRESHOLD",
                        AlarmLevel.FIRST, Instant.parse("2026-12-05T01:00:00Z")), null, null, null, Cause.TEST, false)),
                List.of(), List.of(), ReportFiguresTest.NOW);

        String csv = ReportCsv.of(r);

        assertThat(csv).contains("\r\nenterprise,\"ent \"\"north\"\", east\",1,0\r\n")
                .contains("\r\ngridCell,\"'=cell\n2\",1,0\r\n");
    }
}
