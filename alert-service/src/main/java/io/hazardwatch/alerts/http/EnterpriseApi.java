package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.enterprise.EnterpriseDirectory;
import io.hazardwatch.alerts.enterprise.EnterprisePage;
import io.hazardwatch.alerts.enterprise.EnterpriseSummary;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * The enterprise page's endpoints:
 * <ul>
 *   <li>{@code GET /api/enterprises} — the enterprises the user may see (id, name, grid cell and its name, GB 18218
 *       level, position)</li>
 *   <li>{@code GET /api/enterprises/{id}} — {@code {"enterprise": <summary>, "sections": {<name>: <content>}}}, the
 *       sections of {@link EnterprisePage} (one that is unavailable says why; the page never fails for it); 404 for
 *       an unknown id, 403 for one the user may not see</li>
 * </ul>
 */
public final class EnterpriseApi {

    /** The page: who the enterprise is, and its sections by name in the page's order. */
    record Page(EnterpriseSummary enterprise, Map<String, Object> sections) {
    }

    private final EnterpriseDirectory directory;
    private final EnterprisePage page;

    public EnterpriseApi(EnterpriseDirectory directory, EnterprisePage page) {
        this.directory = directory;
        this.page = page;
    }

    void routes(Router router) {
        router.get("/api/enterprises").handler(this::listEnterprises);
        router.get("/api/enterprises/:id").handler(this::showEnterprise);
    }

    private void listEnterprises(RoutingContext ctx) {
        Responses.json(ctx.response(), 200, directory.visibleTo(BasicAuth.user(ctx)));
    }

    private void showEnterprise(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Optional<EnterpriseSummary> found = directory.find(ctx.pathParam("id"));
        if (found.isEmpty()) {
            Responses.error(ctx.response(), 404, "not_found",
                    "no enterprise " + ctx.pathParam("id") + " in the registry");
            return;
        }
        EnterpriseSummary enterprise = found.get();
        if (!EnterpriseDirectory.mayOpen(user, enterprise)) {
            Responses.error(ctx.response(), 403, "forbidden", "user " + user.username() + " (" + user.role()
                    + ") may not see enterprise " + enterprise.id());
            return;
        }
        page.of(enterprise.id(), user)
                .onSuccess(sections -> Responses.json(ctx.response(), 200, new Page(enterprise, sections)))
                .onFailure(e -> Responses.error(ctx.response(), 500, "page_failed", String.valueOf(e.getMessage())));
    }
}
