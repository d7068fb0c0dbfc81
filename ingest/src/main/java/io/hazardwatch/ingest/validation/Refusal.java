package io.hazardwatch.ingest.validation;

/** A refused message: the reason and a detail that names the offending field or value. */
public record Refusal(RefusalReason reason, String detail) {

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
