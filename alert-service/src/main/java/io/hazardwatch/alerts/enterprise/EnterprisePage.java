package io.hazardwatch.alerts.enterprise;

import io.hazardwatch.alerts.auth.User;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sections of one enterprise's page, asked together: each gets at most {@code wait}; one that fails, throws
 * or does not answer in time becomes {@code {"unavailable": "<why>"}} and the page still renders (a page that
 * fails because one part is down would hide the parts that work from the duty room).
 */
public final class EnterprisePage {

    /** How long the page waits for a section by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(EnterprisePage.class);

    /** What a section that could not be computed shows instead. */
    public record Unavailable(String unavailable) {
    }

    private final Vertx vertx;
    private final List<EnterpriseSection> sections;
    private final Duration wait;

    public EnterprisePage(Vertx vertx, List<EnterpriseSection> sections, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the wait for a section must be positive, was " + wait);
        }
        this.vertx = vertx;
        this.sections = List.copyOf(sections);
        this.wait = wait;
    }

    /** Every section of the enterprise by name, in the sections' order; never fails. */
    public Future<Map<String, Object>> of(String enterprise, User viewer) {
        List<Future<Object>> answers = new ArrayList<>();
        for (EnterpriseSection section : sections) {
            answers.add(bounded(section, enterprise, viewer));
        }
        return Future.join(answers).transform(done -> {
            Map<String, Object> page = new LinkedHashMap<>();
            for (int i = 0; i < sections.size(); i++) {
                page.put(sections.get(i).name(), answers.get(i).result());
            }
            return Future.succeededFuture(page);
        });
    }

    /** The section's answer, or why not, within the wait; completes on the caller's context. */
    private Future<Object> bounded(EnterpriseSection section, String enterprise, User viewer) {
        Context context = vertx.getOrCreateContext();
        Promise<Object> answer = Promise.promise();
        long timer = vertx.setTimer(wait.toMillis(), id -> unavailable(answer, section, enterprise,
                "no answer within " + wait.toMillis() + " ms"));
        Future<Object> asked;
        try {
            asked = section.of(enterprise, viewer);
        } catch (RuntimeException e) {
            asked = Future.failedFuture(e);
        }
        if (asked == null) {
            asked = Future.failedFuture("no answer");
        }
        asked.onComplete(result -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.tryComplete(result.result());
            } else {
                unavailable(answer, section, enterprise, reason(result.cause()));
            }
        }));
        return answer.future();
    }

    /** Answers that the section is unavailable, unless it answered already (a late failure is not news). */
    private static void unavailable(Promise<Object> answer, EnterpriseSection section, String enterprise, String why) {
        if (answer.tryComplete(new Unavailable(why))) {
            LOG.warn("enterprise page of {}: section {} unavailable: {}", enterprise, section.name(), why);
        }
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
