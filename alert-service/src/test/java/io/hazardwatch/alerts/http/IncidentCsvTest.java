package io.hazardwatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 4180 quoting of the export, and file names of attachments as given. */
class IncidentCsvTest {

    @Test
    void fieldsWithCommaQuoteOrLineBreakAreQuotedAndQuotesDoubled() {
        assertThat(IncidentCsv.quoted("plain")).isEqualTo("plain");
        assertThat(IncidentCsv.quoted("valve closed, area ventilated")).isEqualTo("\"valve closed, area ventilated\"");
        assertThat(IncidentCsv.quoted("the \"main\" valve")).isEqualTo("\"the \"\"main\"\" valve\"");
        assertThat(IncidentCsv.quoted("line 1\r\nline 2")).isEqualTo("\"line 1\r\nline 2\"");
        assertThat(IncidentCsv.of(java.util.List.of())).isEqualTo(String.join(",", IncidentCsv.HEADER) + "\r\n");
    }

    @Test
    void anAttachmentsNameLosesAnyPathAndControlCharacters() {
        assertThat(FeedbackApi.nameOf("C:\\photos\\valve.jpg")).isEqualTo("valve.jpg");
        assertThat(FeedbackApi.nameOf("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FeedbackApi.nameOf("a\"b\u0000.png")).isEqualTo("ab.png");
        assertThat(FeedbackApi.nameOf("dir/..")).isNull();
        assertThat(FeedbackApi.nameOf(null)).isNull();
    }
}
