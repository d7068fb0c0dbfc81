package io.hazardwatch.model;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/** Random instants and timestamp texts for the property-style tests of {@link IsoInstants} and its Jackson module. */
final class RandomInstants {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the four-digit years, where the fast path works. */
    static final long FIRST_FOUR_DIGIT_YEAR_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    static final long FIRST_FIVE_DIGIT_YEAR_SECOND = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private static final long YEAR_1900 = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

    private static final long[] EDGE_SECONDS = {
        Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond(), -1, 0, 1,
        FIRST_FOUR_DIGIT_YEAR_SECOND - 1, FIRST_FOUR_DIGIT_YEAR_SECOND,
        FIRST_FIVE_DIGIT_YEAR_SECOND - 1, FIRST_FIVE_DIGIT_YEAR_SECOND,
    };

    private RandomInstants() {
    }

    /**
     * An instant from anywhere in Instant's range (mostly 5+ digit and negative years), from the four-digit years,
     * near today, or at an edge; with no fraction, whole millis, whole micros or any nanos.
     */
    static Instant any(Random random) {
        long second = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1);
            case 1 -> random.nextLong(FIRST_FOUR_DIGIT_YEAR_SECOND, FIRST_FIVE_DIGIT_YEAR_SECOND);
            case 2 -> random.nextLong(YEAR_1900, YEAR_2100);
            default -> EDGE_SECONDS[random.nextInt(EDGE_SECONDS.length)];
        };
        int nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nano);
    }

    /**
     * A valid {@code yyyy-MM-ddTHH:mm:ss[.f]Z} text with a four-digit year and a fraction of 0 to 9 random digits
     * (so also lengths ISO_INSTANT never prints, such as ".5" or ".1234").
     */
    static String fastFormText(Random random) {
        Instant second = Instant.ofEpochSecond(random.nextLong(FIRST_FOUR_DIGIT_YEAR_SECOND, FIRST_FIVE_DIGIT_YEAR_SECOND));
        String withoutZone = DateTimeFormatter.ISO_INSTANT.format(second).replace("Z", "");
        int fractionDigits = random.nextInt(10);
        if (fractionDigits == 0) {
            return withoutZone + "Z";
        }
        StringBuilder text = new StringBuilder(withoutZone).append('.');
        for (int i = 0; i < fractionDigits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.append('Z').toString();
    }

    /** Characters a near-miss timestamp might contain, including a non-ASCII digit (Arabic-Indic three). */
    private static final String MUTATION_CHARS = "0123456789-:.TZtz+ ,x\u0663";

    /** {@code text} with one to three characters replaced, deleted or inserted: mostly invalid, sometimes not. */
    static String mutate(String text, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations && mutated.length() > 0; i++) {
            int at = random.nextInt(mutated.length());
            char c = MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()));
            switch (random.nextInt(3)) {
                case 0 -> mutated.setCharAt(at, c);
                case 1 -> mutated.deleteCharAt(at);
                default -> mutated.insert(at, c);
            }
        }
        return mutated.toString();
    }
}
