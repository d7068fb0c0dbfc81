package io.hazardwatch.ingest.validation;

import io.hazardwatch.model.Reading;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating one message. A problem with the message as a whole (topic, login, size, not JSON,
 * not a reading or a batch, quota) refuses all of it: {@link Refused}. A problem with one reading of a batch
 * (its value, sensor, unit or time) refuses that reading only: the message is {@link Accepted} with the good
 * readings and lists the refused ones, so one bad reading does not drop the others. A batch whose every reading
 * is refused, and a message of one bad reading, are {@link Refused}.
 */
public sealed interface Verdict {

    /**
     * @param readings the readings to store
     * @param refused  readings of a batch refused one by one, in index order; empty when every reading was accepted
     */
    record Accepted(List<Reading> readings, List<RefusedReading> refused) implements Verdict {

        public Accepted(List<Reading> readings) {
            this(readings, List.of());
        }

        /** "2 of 5 readings refused: readings[1].value: ...; ...", naming at most {@code max} of them. */
        public String refusedSummary(int max) {
            String listed = refused.stream().limit(max).map(r -> r.refusal().toString())
                    .collect(Collectors.joining("; "));
            int more = refused.size() - max;
            return refused.size() + " of " + (readings.size() + refused.size()) + " readings refused: " + listed
                    + (more > 0 ? "; and " + more + " more" : "");
        }
    }

    record Refused(Refusal refusal) implements Verdict {
    }

    /**
     * One reading of a batch refused on its own.
     *
     * @param index     its position in the batch's {@code readings} array
     * @param refusal why; the detail names it as {@code readings[index].field}
     * @param json      the reading as received (its JSON object), for the dead-letter topic
     */
    record RefusedReading(int index, Refusal refusal, byte[] json) {
    }

    static Verdict refuse(RefusalReason reason, String detail) {
        return new Refused(new Refusal(reason, detail));
    }
}
