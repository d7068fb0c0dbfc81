package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    private static final int SAMPLES = 200_000;

    @Test
    void formatsRandomInstantsExactlyAsIsoInstant() {
        Random random = new Random(20261202L);
        for (int i = 0; i < SAMPLES; i++) {
            Instant instant = RandomInstants.any(random);

            assertThat(IsoInstants.format(instant)).as("%s s %s ns", instant.getEpochSecond(), instant.getNano())
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }

    @Test
    void printsSecondsAlwaysAndFractionsInGroupsOfThreeDigits() {
        long second = Instant.parse("2026-12-02T17:45:00Z").getEpochSecond();

        assertThat(IsoInstants.format(Instant.ofEpochSecond(second))).isEqualTo("2026-12-02T17:45:00Z");
        assertThat(IsoInstants.format(Instant.ofEpochSecond(second, 300_000_000))).isEqualTo("2026-12-02T17:45:00.300Z");
        assertThat(IsoInstants.format(Instant.ofEpochSecond(second, 123_456_000))).isEqualTo("2026-12-02T17:45:00.123456Z");
        assertThat(IsoInstants.format(Instant.ofEpochSecond(second, 100_000))).isEqualTo("2026-12-02T17:45:00.000100Z");
        assertThat(IsoInstants.format(Instant.ofEpochSecond(second, 1))).isEqualTo("2026-12-02T17:45:00.000000001Z");
    }

    @Test
    void padsShortYearsAndSignsYearsOutsideFourDigits() {
        assertThat(IsoInstants.format(Instant.parse("0999-01-01T00:00:00Z"))).isEqualTo("0999-01-01T00:00:00Z");
        assertThat(IsoInstants.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00Z");
        assertThat(IsoInstants.format(Instant.parse("0000-01-01T00:00:00Z").minusNanos(1)))
                .isEqualTo("-0001-12-31T23:59:59.999999999Z");
        assertThat(IsoInstants.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(IsoInstants.format(Instant.MIN)).isEqualTo("-1000000000-01-01T00:00:00Z");
        assertThat(IsoInstants.format(Instant.MAX)).isEqualTo("+1000000000-12-31T23:59:59.999999999Z");
    }

    @Test
    void parsesWhatItFormatsInFourDigitYears() {
        Random random = new Random(17L);
        for (int i = 0; i < SAMPLES; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(RandomInstants.FIRST_FOUR_DIGIT_YEAR_SECOND, RandomInstants.FIRST_FIVE_DIGIT_YEAR_SECOND),
                    random.nextInt(1_000_000_000));

            assertThat(IsoInstants.parseUtc(IsoInstants.format(instant))).isEqualTo(instant);
        }
    }

    @Test
    void parsesEveryFractionLengthAsInstantParseDoes() {
        Random random = new Random(42L);
        for (int i = 0; i < SAMPLES; i++) {
            String text = RandomInstants.fastFormText(random);

            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void acceptsLeapDaysOfLeapYearsOnly() {
        assertThat(IsoInstants.parseUtc("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(IsoInstants.parseUtc("2000-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2000-02-29T23:59:59.999Z"));
        assertThat(IsoInstants.parseUtc("0000-02-29T00:00:00Z")).isEqualTo(Instant.parse("0000-02-29T00:00:00Z"));
        assertThat(IsoInstants.parseUtc("2023-02-29T00:00:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("1900-02-29T00:00:00Z")).isNull();
    }

    /** Valid for the JDK or not, these are not the fast form: the Jackson layer hands them to JavaTimeModule. */
    @ParameterizedTest
    @ValueSource(strings = {
        "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-13-10T00:00:00Z",
        "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
        "2026-12-31T23:59:60Z", "2026-01-01T00:00:00+08:00", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00-01:00",
        "2026-01-01t00:00:00z", "2026-01-01T00:00:00z", "2026-01-01T00:00:00", "2026-01-01T00:00Z",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567891Z", "2026-01-01T00:00:00,5Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "+2026-01-01T00:00:00Z", " 2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z ", "1700000000", "1700000000.5", "", "2026-01-01 00:00:00Z", "2026/01/01T00:00:00Z",
        "2026-01-01T00:00:00.12a4Z", "\u0662\u0660\u0662\u0666-01-01T00:00:00Z"})
    void leavesEveryOtherTextToTheJdk(String text) {
        assertThat(IsoInstants.parseUtc(text)).isNull();
    }

    @Test
    void readsOnlyTheGivenSliceOfABuffer() {
        char[] buffer = "xx2026-12-02T17:45:30.303Zyy".toCharArray();

        assertThat(IsoInstants.parseUtc(buffer, 2, 24)).isEqualTo(Instant.parse("2026-12-02T17:45:30.303Z"));
    }
}
