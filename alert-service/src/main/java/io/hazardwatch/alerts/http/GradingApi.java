package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.grading.EnterpriseGrade;
import io.hazardwatch.alerts.grading.Factor;
import io.hazardwatch.alerts.grading.Listing;
import io.hazardwatch.alerts.risk.EnterpriseRisk;
import io.hazardwatch.alerts.risk.RiskColour;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enterprises' grades and the two lists, each handler: who is asking → what they may see → the answer.
 * <ul>
 *   <li>{@code GET /api/grades} — every visible enterprise's colour, score and lines, with the thresholds</li>
 *   <li>{@code GET /api/grades/{enterprise}} — one grade with its factors ("why is it orange") and its listing</li>
 *   <li>{@code GET /api/lists} — the watch and priority inspection lists (entry date, score, reason) and the
 *       recent exits</li>
 * </ul>
 */
public final class GradingApi {

    /** The most recent exits {@code /api/lists} returns. */
    static final int EXITS_SHOWN = 50;

    /** One enterprise in the overview. */
    record GradeRow(String enterprise, String gridCell, int score, RiskColour colour, boolean overWarningLine,
                    boolean overAlarmLine, boolean onWatchList, boolean onPriorityList, int activeAlarms,
                    int secondLevelAlarms, Instant gradedAt) {
    }

    record Grades(Map<String, Integer> thresholds, List<GradeRow> grades) {
    }

    /** One grade with its factors and the enterprise's listing (entries now, entries and exits before). */
    record GradeDetail(EnterpriseGrade grade, Map<String, Integer> thresholds, Listing listing) {
    }

    /** An enterprise on a list. */
    record Listed(String enterprise, String gridCell, Instant since, int score, String reason, List<Factor> factors) {
    }

    record Exit(String enterprise, String gridCell, Listing.Name list, Instant at, int score, String reason) {
    }

    record Lists(List<Listed> priority, List<Listed> watch, List<Exit> exits) {
    }

    private final EnterpriseRisk risk;

    public GradingApi(EnterpriseRisk risk) {
        this.risk = risk;
    }

    public void routes(Router router) {
        router.get("/api/grades").handler(this::listGrades);
        router.get("/api/grades/:enterprise").handler(this::showGrade);
        router.get("/api/lists").handler(this::showLists);
    }

    void listGrades(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        List<GradeRow> rows = risk.grades().stream().filter(g -> visible(user, g.enterprise()))
                .sorted(Comparator.comparingInt(EnterpriseGrade::score).reversed()
                        .thenComparing(EnterpriseGrade::enterprise))
                .map(g -> new GradeRow(g.enterprise(), g.gridCell(), g.score(), g.colour(), g.overWarningLine(),
                        g.overAlarmLine(), lists().onWatchList(g.enterprise()), lists().onPriorityList(g.enterprise()),
                        g.activeAlarms(), g.secondLevelAlarms(), g.gradedAt()))
                .toList();
        Responses.json(ctx.response(), 200, new Grades(risk.grading().policy().thresholds(), rows));
    }

    void showGrade(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        String enterprise = ctx.pathParam("enterprise");
        Optional<EnterpriseGrade> grade = risk.grade(enterprise);
        if (grade.isEmpty()) {
            Responses.error(ctx.response(), 404, "not_found", "no grade of enterprise " + enterprise);
            return;
        }
        if (!visible(user, enterprise)) {
            Responses.error(ctx.response(), 403, "forbidden", "user " + user.username() + " (" + user.role()
                    + ") may not see the grade of enterprise " + enterprise);
            return;
        }
        Responses.json(ctx.response(), 200, new GradeDetail(grade.get(), risk.grading().policy().thresholds(),
                lists().of(enterprise)));
    }

    void showLists(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        List<Listing> visible = lists().all().stream().filter(l -> visible(user, l.enterprise())).toList();
        List<Exit> exits = visible.stream()
                .flatMap(l -> l.history().stream().filter(m -> !m.entered()).map(m -> new Exit(l.enterprise(),
                        risk.gridCellOf(l.enterprise()), m.list(), m.at(), m.score(), m.reason())))
                .sorted(Comparator.comparing(Exit::at).reversed()).limit(EXITS_SHOWN).toList();
        Responses.json(ctx.response(), 200, new Lists(listed(visible, Listing.Name.PRIORITY),
                listed(visible, Listing.Name.WATCH), exits));
    }

    private List<Listed> listed(List<Listing> listings, Listing.Name list) {
        return listings.stream().filter(l -> l.entryOn(list) != null)
                .map(l -> {
                    Listing.Entry e = l.entryOn(list);
                    return new Listed(l.enterprise(), risk.gridCellOf(l.enterprise()), e.since(), e.score(),
                            e.reason(), e.factors());
                })
                .sorted(Comparator.comparing(Listed::since).reversed()).toList();
    }

    private boolean visible(User user, String enterprise) {
        return Access.maySeeGrade(user, enterprise, risk.gridCellOf(enterprise));
    }

    private io.hazardwatch.alerts.grading.Listings lists() {
        return risk.grading().listings();
    }
}
