package io.hazardwatch.simulator.attack;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** What one phase sent and got back, counted from many threads. */
final class Tally {

    /** A status 5xx anywhere in an answer's kind ("alerts HTTP 500", "gateway HTTP 502"). */
    private static final Pattern SERVER_ERROR = Pattern.compile("(^|\\s)HTTP 5\\d\\d$");

    private final LongAdder inputs = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder crossTenant = new LongAdder();

    /** One hostile input sent and the kind of answer it got. */
    void sent(String answer) {
        inputs.increment();
        answer(answer);
    }

    /** An answer counted without a new input (the second answer on one connection, say). */
    void answer(String answer) {
        answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
        if (isServerError(answer)) {
            serverErrors.increment();
        }
    }

    /** A cross-tenant attempt the service went along with (a takeover, a forged write, a forged request). */
    void crossTenantAccepted() {
        crossTenant.increment();
    }

    long inputs() {
        return inputs.sum();
    }

    long serverErrors() {
        return serverErrors.sum();
    }

    long crossTenant() {
        return crossTenant.sum();
    }

    /** Answer kinds with their counts, sorted by kind. */
    Map<String, Long> answers() {
        Map<String, Long> sorted = new TreeMap<>();
        answers.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    /**
     * A fault of the service: an HTTP 5xx other than 503, which the services send on purpose with Retry-After when
     * busy (a refusal to come back later, not a failure).
     */
    static boolean isServerError(String answer) {
        return SERVER_ERROR.matcher(answer).find() && !answer.endsWith("HTTP 503");
    }
}
