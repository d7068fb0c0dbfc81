package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.deadletter.DeadLetterFeed;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/dead-letters}: messages the gateway refused in the last 24 h, per enterprise and reason. */
public final class DeadLetterApi {

    private final DeadLetterFeed deadLetters;
    private final IncidentEngine engine;

    public DeadLetterApi(DeadLetterFeed deadLetters, IncidentEngine engine) {
        this.deadLetters = deadLetters;
        this.engine = engine;
    }

    /**
     * The enterprises whose messages the gateway refused in the last 24 h, by reason, that the user may see: a
     * refused safety reading never reached detection.
     */
    void listDeadLetters(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Responses.json(ctx.response(), 200, deadLetters.tally().summary(engine.now()).stream()
                .filter(s -> Access.maySee(user, s.enterprise(), engine.gridCellOf(s.enterprise())))
                .toList());
    }
}
