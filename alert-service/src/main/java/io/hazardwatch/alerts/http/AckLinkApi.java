package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.IncidentCommands;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.acklink.AckLinks;
import io.hazardwatch.alerts.acklink.AckLinks.Verdict;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.outbox.text.AlarmWords;
import io.hazardwatch.alerts.outbox.text.Language;
import io.hazardwatch.alerts.outbox.text.Names;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.notify.im.TokenBucket;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-tap acknowledge page of a message's link, without a login (issue 21):
 * <ul>
 *   <li>{@code GET /ack/{token}} — the page ({@code webroot/ack.html}); with {@code Accept: application/json} what it
 *   shows: the incident's headline in the person's language, or why the link does not work</li>
 *   <li>{@code POST /ack/{token}} — acknowledges that incident as that person ("zhang-wei via link"), once</li>
 *   <li>{@code GET /ack-page/{ack.js|ack.css|i18n.js}} — the page's own files</li>
 * </ul>
 * A token opens its incident for its person and nothing else; a forged one is 403, an expired or used one 410, too many
 * requests from one address 429. Every answer is the page or JSON, never a stack trace.
 */
public final class AckLinkApi {

    private static final Logger LOG = LoggerFactory.getLogger(AckLinkApi.class);
    private static final Set<String> PAGE_FILES = Set.of("ack.js", "ack.css", "i18n.js");
    /** The most source addresses remembered for the rate limit; past it the table starts afresh. */
    private static final int MAX_ADDRESSES = 10_000;
    static final String VIA_LINK = " via link";

    private final IncidentEngine engine;
    private final IncidentCommands commands;
    private final AckLinks links;
    private final Map<String, Language> people;
    private final Names names;
    private final ZoneId zone;
    private final int perMinute;
    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>();

    /** @param people person id → language, of everyone a link may be issued to */
    public AckLinkApi(IncidentEngine engine, IncidentCommands commands, AckLinks links, Map<String, Language> people,
                      Names names, ZoneId zone, int perMinute) {
        this.engine = engine;
        this.commands = commands;
        this.links = links;
        this.people = Map.copyOf(people);
        this.names = names;
        this.zone = zone;
        this.perMinute = perMinute;
    }

    /** Mounted ahead of the login: these routes need none. */
    void routes(Router router) {
        router.route("/ack/*").handler(this::limitRate);
        router.route("/ack-page/*").handler(this::limitRate);
        router.get("/ack/:token").handler(this::show);
        router.post("/ack/:token").handler(this::acknowledge);
        router.get("/ack-page/:file").handler(ctx -> {
            String file = ctx.pathParam("file");
            if (!PAGE_FILES.contains(file)) {
                Responses.error(ctx.response(), 404, "not_found", "no such file");
                return;
            }
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").sendFile("webroot/" + file);
        });
    }

    private void limitRate(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        if (buckets.size() >= MAX_ADDRESSES && !buckets.containsKey(address)) {
            buckets.clear();
        }
        Duration wait = buckets.computeIfAbsent(address, a -> TokenBucket.perMinute(perMinute)).tryTake();
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            Responses.error(ctx.response(), 429, "too_many_requests", "too many requests from this address; try again later");
            return;
        }
        ctx.next();
    }

    /** The page, or (JSON) what it shows; the status says whether the link works. */
    private void show(RoutingContext ctx) {
        Verdict verdict = verdict(ctx);
        int status = verdict.valid() ? 200 : verdict.refusal().status;
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("application/json")) {
            Responses.json(ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), status, view(verdict));
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").sendFile("webroot/ack.html");
    }

    /** Acknowledges the link's incident as its person, once. */
    private void acknowledge(RoutingContext ctx) {
        Verdict verdict = verdict(ctx);
        if (!verdict.valid()) {
            Responses.json(ctx.response(), verdict.refusal().status, view(verdict));
            return;
        }
        String token = ctx.pathParam("token");
        links.used(token, verdict.expiresAt()); // before the command: a second tap while it commits is refused
        commands.acknowledge(verdict.incident().id(), verdict.person() + VIA_LINK)
                .onSuccess(incident -> {
                    LOG.info("incident {} acknowledged by {} via link", incident.id(), verdict.person());
                    Responses.json(ctx.response(), 200, view(new Verdict(incident, verdict.person(), verdict.expiresAt(),
                            AckLinks.Refusal.USED)).withState("acknowledged"));
                })
                .onFailure(e -> {
                    LOG.info("acknowledge link of {} for incident {} refused: {}", verdict.person(),
                            verdict.incident().id(), e.getMessage());
                    Responses.json(ctx.response(), 410, view(new Verdict(engine.book().get(verdict.incident().id())
                            .orElse(verdict.incident()), verdict.person(), verdict.expiresAt(), AckLinks.Refusal.USED)));
                });
    }

    private Verdict verdict(RoutingContext ctx) {
        if (!engine.ready()) {
            return new Verdict(null, null, null, AckLinks.Refusal.INVALID);
        }
        return links.check(ctx.pathParam("token"), engine.book().all(), people.keySet());
    }

    /** What the page shows: the state, and for a known incident its headline in the person's language. */
    record View(String state, String language, String headline, String statement, String place, String time,
                String acknowledgedBy, String acknowledgedAt) {
        View withState(String next) {
            return new View(next, language, headline, statement, place, time, acknowledgedBy, acknowledgedAt);
        }
    }

    private View view(Verdict v) {
        String state = v.valid() ? "open" : v.refusal().name().toLowerCase();
        Incident incident = v.incident();
        if (incident == null || v.refusal() == AckLinks.Refusal.INVALID) {
            return new View(state, "zh", null, null, null, null, null, null);
        }
        Language language = people.getOrDefault(v.person(), Language.ZH);
        AlarmWords w = new AlarmWords(incident.alarm(), names, language, zone);
        return new View(state, language.name().toLowerCase(), w.headline(), w.statement(), w.place(), w.time(),
                incident.acknowledged() == null ? null : incident.acknowledged().by(),
                incident.acknowledged() == null ? null : w.fullTime(incident.acknowledged().at()));
    }
}
