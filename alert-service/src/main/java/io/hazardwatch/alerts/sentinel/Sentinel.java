package io.hazardwatch.alerts.sentinel;

import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.Recipient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the alert service from outside it (issue 18, "who watches the watcher"): the alert service's watchdog calls
 * the on-call when any other part fails, but when the alert service itself is gone — killed, both instances of a pair
 * dead, or unable to send because its store cannot commit — nothing calls anyone and the board is dark. The sentinel
 * is a process of its own: it asks the service's {@code /health} every few seconds and, after
 * {@link SentinelConfig#downAfter()} without a 200, pages the on-call of the watchdog's grid cell (every rung on duty
 * now, from the alerting policy's rotas) through the service's own notifiers; again every
 * {@link SentinelConfig#repeat()} while it stays down, and once more when it answers again. A page a provider refused
 * is sent again at the next check. One log line per event.
 */
public final class Sentinel {

    private static final Logger LOG = LoggerFactory.getLogger(Sentinel.class);
    /** The incident key the pages carry: the platform's own, as the watchdog's system incidents. */
    public static final String INCIDENT_KEY = "hazardwatch/monitoring/alert-service";
    private static final int REASON_CHARS = 160;

    private final Vertx vertx;
    private final SentinelConfig config;
    private final Rota rota;
    private final String gridCell;
    private final java.time.ZoneId zone;
    private final Map<String, Notifier> notifiers;
    private final Clock clock;
    /** What the outage's durations are measured on: monotonic, so that a wall clock set back cannot delay a page. */
    private final java.util.function.LongSupplier nanoTime;
    private final WebClient client;
    private final Outage outage;
    /** Messages not yet accepted by their provider, by id: sent again at each check. */
    private final Map<String, Notification> unsent = new LinkedHashMap<>();
    /** Ids of messages handed to their provider and not answered yet: not handed again meanwhile. */
    private final java.util.Set<String> inFlight = new java.util.HashSet<>();
    /** Ids of messages whose failure was logged already. */
    private final java.util.Set<String> failedOnce = new java.util.HashSet<>();
    /** A round still waiting for its answers: the next tick skips (one round at a time, all on the event loop). */
    private boolean checking;
    private long timer = -1;

    public Sentinel(Vertx vertx, SentinelConfig config, AlertingPolicy policy, String gridCell,
                    Map<String, Notifier> notifiers, Clock clock) {
        this(vertx, config, policy, gridCell, notifiers, clock, System::nanoTime);
    }

    /** @param nanoTime the monotonic time the limits are counted on (tests) */
    Sentinel(Vertx vertx, SentinelConfig config, AlertingPolicy policy, String gridCell, Map<String, Notifier> notifiers,
             Clock clock, java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.vertx = vertx;
        this.config = config;
        this.rota = new Rota(policy);
        this.gridCell = gridCell;
        this.zone = policy.timezone();
        this.notifiers = Map.copyOf(notifiers);
        this.clock = clock;
        this.client = WebClient.create(vertx);
        this.outage = new Outage(config.downAfter(), config.repeat());
    }

    /** Starts checking; the first check at once. */
    public void start() {
        LOG.info("sentinel watching {}: pages the on-call of grid cell {} after {} s without an answer", config.watch(),
                gridCell, config.downAfter().toSeconds());
        vertx.runOnContext(v -> check());
        timer = vertx.setPeriodic(config.check().toMillis(), id -> check());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        client.close();
    }

    /** One round: every URL asked; up if any answers 200. */
    void check() {
        if (checking) {
            return;
        }
        checking = true;
        List<Future<String>> answers = new ArrayList<>();
        for (URI url : config.watch()) {
            answers.add(ask(url));
        }
        Future.join(answers).onComplete(done -> {
            checking = false;
            boolean up = false;
            String reason = null;
            for (Future<String> answer : answers) {
                if (answer.succeeded() && answer.result() == null) {
                    up = true;
                } else if (reason == null) {
                    reason = answer.succeeded() ? answer.result() : answer.cause().toString();
                }
            }
            boolean wasFailing = outage.failing();
            // the outage is judged on the monotonic clock; the wall clock only names the times in the messages
            Instant now = Instant.EPOCH.plusNanos(nanoTime.getAsLong());
            if (!up && !wasFailing) {
                LOG.warn("alert service does not answer ({}): paging the on-call in {} s unless it does", reason,
                        config.downAfter().toSeconds());
            } else if (up && wasFailing) {
                LOG.info("alert service answers again");
            }
            outage.observe(up, reason, now).ifPresent(this::page);
            resend();
        });
    }

    /** Null when the URL answered 200, else what it answered. */
    private Future<String> ask(URI url) {
        return client.getAbs(url.toString()).timeout(config.check().toMillis()).send()
                .map(answer -> answer.statusCode() == 200 ? null
                        : url + ": HTTP " + answer.statusCode() + " " + clip(answer.bodyAsString()))
                .recover(e -> Future.succeededFuture(url + ": " + e.getMessage()));
    }

    private void page(Outage.Page monotonic) {
        Instant wallNow = clock.instant();
        Outage.Page page = new Outage.Page(monotonic.kind(),
                wallNow.minus(java.time.Duration.between(monotonic.since(), monotonic.at())), monotonic.reason(), wallNow);
        List<Person> people = onCall(page.at());
        if (people.isEmpty()) {
            LOG.error("alert service {} since {} but nobody is on call in grid cell {}: nobody paged", page.kind(),
                    page.since(), gridCell);
            return;
        }
        String since = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(page.since().atZone(zone));
        String subject = page.kind() == Outage.Kind.BACK ? "HazardWatch 告警服务已恢复 alert service back"
                : "HazardWatch 告警服务无响应 alert service unreachable";
        String body = page.kind() == Outage.Kind.BACK
                ? "告警服务自 " + since + " 起中断, 现已恢复. The alert service, unreachable since " + since + ", answers"
                        + " again: the board and the on-call calls are back."
                : "告警服务自 " + since + " 起无响应, 值班室看不到告警, 值班人员也收不到通知. The alert service has not"
                        + " answered since " + since + ": alarms reach neither the duty room's board nor the on-call."
                        + " Last answer: " + page.reason();
        for (Person person : people) {
            String id = INCIDENT_KEY + "/" + page.kind().name().toLowerCase(java.util.Locale.ROOT) + "/"
                    + page.at().toEpochMilli() + "/" + person.id();
            unsent.put(id, new Notification(id, INCIDENT_KEY, new Recipient(person.name(), person.channel(),
                    person.address()), page.kind() == Outage.Kind.BACK ? AlarmLevel.NONE : AlarmLevel.SECOND,
                    subject, body));
        }
        if (page.kind() == Outage.Kind.BACK) {
            LOG.info("alert service back (down since {}): telling {}", page.since(),
                    people.stream().map(Person::name).toList());
        } else {
            LOG.warn("alert service {} since {}: paging {}", page.kind(), page.since(),
                    people.stream().map(Person::name).toList());
        }
    }

    private void resend() {
        for (Notification message : List.copyOf(unsent.values())) {
            if (inFlight.contains(message.id())) {
                continue;
            }
            Notifier notifier = notifiers.get(message.recipient().channel());
            if (notifier == null) {
                LOG.error("cannot page {}: no notifier configured for channel '{}'", message.recipient().name(),
                        message.recipient().channel());
                unsent.remove(message.id());
                continue;
            }
            inFlight.add(message.id());
            notifier.send(message).onComplete(done -> inFlight.remove(message.id())).onSuccess(delivery -> {
                failedOnce.remove(message.id());
                if (unsent.remove(message.id()) != null) {
                    LOG.info("paged {} via {}: {}", message.recipient().name(), notifier.channel(), message.subject());
                }
            }).onFailure(e -> {
                // one line per message, not one per check: it is tried again at every check until it is taken
                if (failedOnce.add(message.id())) {
                    LOG.warn("could not page {} via {} ({}); trying again at every check", message.recipient().name(),
                            notifier.channel(), e.getMessage());
                }
            });
        }
    }

    /** Everyone on call now for the watchdog's grid cell, every rung, each once. */
    private List<Person> onCall(Instant at) {
        Map<String, Person> people = new LinkedHashMap<>();
        for (GridRole role : List.of(GridRole.GRID_MEMBER, GridRole.GRID_LEADER, GridRole.SQUAD)) {
            rota.onCall(role, gridCell, at).forEach(p -> people.putIfAbsent(p.id(), p));
        }
        return List.copyOf(people.values());
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > REASON_CHARS ? line.substring(0, REASON_CHARS) + "…" : line;
    }
}
