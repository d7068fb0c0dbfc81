package io.hazardwatch.ingest.validation;

import io.hazardwatch.model.Reading;
import java.util.List;

/** The outcome of validating one message: accepted readings, or one rejection for the whole message. */
public sealed interface Verdict {

    record Accepted(List<Reading> readings) implements Verdict {
    }

    record Rejected(Rejection rejection) implements Verdict {
    }

    static Verdict reject(RejectReason reason, String detail) {
        return new Rejected(new Rejection(reason, detail));
    }
}
