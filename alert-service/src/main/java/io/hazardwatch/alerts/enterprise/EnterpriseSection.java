package io.hazardwatch.alerts.enterprise;

import io.hazardwatch.alerts.auth.User;
import io.vertx.core.Future;

/**
 * One named block of the enterprise page ({@code GET /api/enterprises/{id}}): the profile, the sensors, the
 * incidents, and whatever a part of the service adds (feedback due, hidden dangers, inspections, grade,
 * commitment, contacts). The composition root hands {@link EnterprisePage} the list; a section that fails or does
 * not answer in time is shown as unavailable, the others still render.
 */
public interface EnterpriseSection {

    /** The section's key in the page's JSON (and the board's renderer for it), e.g. {@code "dangers"}. */
    String name();

    /**
     * The section's content for an enterprise the viewer may see (already checked), as a JSON-serialisable value;
     * called on the service's context. Fails (or throws) when the section cannot be computed now.
     */
    Future<Object> of(String enterprise, User viewer);
}
