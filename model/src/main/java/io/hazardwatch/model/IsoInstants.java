package io.hazardwatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 text for {@link Instant}s without {@link DateTimeFormatter} on the common path.
 *
 * <p>Every reading carries two instants, and the Flink source thread spent ~18% of its time in the JDK formatter
 * parsing them. This class handles by hand only the one form we write, {@code 2026-12-02T17:45:30.303Z}, and leaves
 * everything else to the JDK, so the text printed and the text accepted stay exactly what they were:
 * <ul>
 *   <li>{@link #format} prints what {@link DateTimeFormatter#ISO_INSTANT} prints.</li>
 *   <li>{@link #parseUtc} reads {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid field values and answers
 *       {@code null} for any other text (offsets, lower-case z, 24:00, leap second 60, signed or 5+ digit years,
 *       blanks, epoch numbers, invalid dates); the caller then asks the JDK, which accepts or rejects as before.</li>
 * </ul>
 * {@link IsoInstantModule} plugs this into {@link Json#MAPPER}.
 * Hand-written on purpose, not the JDK's formatter: with LineProtocol, 1.21× the job's throughput (docs/benchmarks.md).
 */
final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400;

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants whose year ISO_INSTANT prints as four digits. */
    private static final long FIRST_FOUR_DIGIT_YEAR_SECOND = -62_167_219_200L;
    private static final long LAST_FOUR_DIGIT_YEAR_SECOND = 253_402_300_799L;

    /** "yyyy-MM-ddTHH:mm:ss" before the optional fraction. */
    private static final int DATE_TIME_LENGTH = 19;
    /** "yyyy-MM-ddTHH:mm:ssZ" and "yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ". */
    private static final int MIN_LENGTH = DATE_TIME_LENGTH + 1;
    private static final int MAX_LENGTH = DATE_TIME_LENGTH + 1 + 9 + 1;

    /** NANOS_PER_DIGIT[n]: what one unit of an n-digit fraction is worth in nanoseconds. */
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstants() {
    }

    /**
     * The instant as {@link DateTimeFormatter#ISO_INSTANT} prints it: seconds always shown, the fraction left out
     * when zero and otherwise printed in groups of three digits (.300, .123456, .000000001), years outside
     * 0000-9999 with a sign (-0001, +10000).
     */
    static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_FOUR_DIGIT_YEAR_SECOND || epochSecond > LAST_FOUR_DIGIT_YEAR_SECOND) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        int nano = instant.getNano();

        char[] out = new char[MAX_LENGTH];
        int pos = putDigits(out, 0, date.getYear(), 4);
        out[pos++] = '-';
        pos = putDigits(out, pos, date.getMonthValue(), 2);
        out[pos++] = '-';
        pos = putDigits(out, pos, date.getDayOfMonth(), 2);
        out[pos++] = 'T';
        pos = putDigits(out, pos, secondOfDay / 3600, 2);
        out[pos++] = ':';
        pos = putDigits(out, pos, secondOfDay / 60 % 60, 2);
        out[pos++] = ':';
        pos = putDigits(out, pos, secondOfDay % 60, 2);
        if (nano != 0) {
            out[pos++] = '.';
            if (nano % 1_000_000 == 0) {
                pos = putDigits(out, pos, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pos = putDigits(out, pos, nano / 1_000, 6);
            } else {
                pos = putDigits(out, pos, nano, 9);
            }
        }
        out[pos++] = 'Z';
        return new String(out, 0, pos);
    }

    /** {@link #parseUtc(char[], int, int)} for a whole string. */
    static Instant parseUtc(String text) {
        return parseUtc(text.toCharArray(), 0, text.length());
    }

    /**
     * The instant written as {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in {@code text[offset, offset + length)}, or
     * {@code null} if the text is anything else, valid or not: the caller must then parse it the JDK's way.
     * Every text this accepts, {@link Instant#parse} accepts too, with the same result.
     */
    static Instant parseUtc(char[] text, int offset, int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH || text[offset + length - 1] != 'Z'
                || text[offset + 4] != '-' || text[offset + 7] != '-' || text[offset + 10] != 'T'
                || text[offset + 13] != ':' || text[offset + 16] != ':') {
            return null;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        // digits() answers -1 for a non-digit, which these range checks also catch
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }

        int nano = 0;
        int fractionLength = length - MIN_LENGTH - 1; // between ':ss' and 'Z': '.' and the digits
        if (length > MIN_LENGTH) {
            if (text[offset + DATE_TIME_LENGTH] != '.' || fractionLength < 1) {
                return null; // "…:ss.Z" is valid for the JDK, but not ours to decide
            }
            int fraction = digits(text, offset + DATE_TIME_LENGTH + 1, fractionLength);
            if (fraction < 0) {
                return null;
            }
            nano = fraction * NANOS_PER_DIGIT[fractionLength];
        }

        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second, nano);
    }

    /** The value of {@code count} (at most 9) ASCII digits from {@code start}, or -1 if any is not a digit. */
    private static int digits(char[] text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Writes {@code value} as exactly {@code width} digits, zero-padded; answers the position after them. */
    private static int putDigits(char[] out, int pos, int value, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return pos + width;
    }
}
