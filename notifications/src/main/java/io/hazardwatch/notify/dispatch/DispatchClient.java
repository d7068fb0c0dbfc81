package io.hazardwatch.notify.dispatch;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.http.ProviderHttp;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands incidents to emergency dispatch over a signed webhook. Every message carries the incident's stable
 * {@link DedupKey} ({@code X-HW-Dedup-Key}) and a per-message event id ({@code Idempotency-Key}), and is
 * signed with {@link WebhookSignature#signEvent} over timestamp, event id and body ({@code X-HW-Signature},
 * {@code X-HW-Timestamp}), which dispatch checks with {@link io.hazardwatch.notify.signing.EventVerifier}. 2xx is accepted; 409
 * means the receiver already has this event and also counts as accepted. The outbox retries until
 * accepted: this client only says whether a retry may help.
 */
public final class DispatchClient {

    public static final String CHANNEL = "dispatch";
    private static final Logger LOG = LoggerFactory.getLogger(DispatchClient.class);

    private final DispatchConfig config;
    private final ProviderHttp http;

    public DispatchClient(DispatchConfig config, WebClient client, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp(CHANNEL, client, config.timeout(), clock, List.of(config.secret()));
    }

    private DispatchClient(DispatchConfig config, ProviderHttp http) {
        this.config = config;
        this.http = http;
    }

    /** This client writing CAP times in {@code zone}: the alert service passes the park's (its alerting policy's). */
    public DispatchClient inZone(java.time.ZoneId zone) {
        return new DispatchClient(config.inZone(zone), http);
    }

    public Future<Delivery> send(DispatchEvent event) {
        // CAP times have whole seconds: the sent time kept for later references is the one written in the message
        Instant now = http.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        boolean cap = config.format().equals("cap");
        String body = cap ? CapAlert.xml(event, config.cap(), now) : json(event, now).encode();
        long timestamp = now.getEpochSecond();
        return http.call(http.post(config.url())
                                .putHeader("Content-Type", cap ? "application/xml; charset=utf-8" : "application/json")
                                .putHeader("X-HW-Dedup-Key", event.dedupKey())
                                .putHeader("Idempotency-Key", event.eventId())
                                .putHeader("X-HW-Event-Action", event.action().wire())
                                .putHeader("X-HW-Timestamp", Long.toString(timestamp))
                                .putHeader("X-HW-Signature", WebhookSignature.signEvent(config.secret().reveal(), timestamp,
                                        event.eventId(), body)),
                        Buffer.buffer(body))
                .compose(response -> verdict(event, response, now))
                .onSuccess(d -> LOG.info("dispatch took {} of incident {} (event {})", event.action().wire(),
                        event.incidentKey(), event.eventId()))
                .onFailure(e -> LOG.warn("dispatch did not take {} of incident {} (event {}): {}", event.action().wire(),
                        event.incidentKey(), event.eventId(), e.getMessage()));
    }

    static JsonObject json(DispatchEvent e, Instant sent) {
        return new JsonObject()
                .put("dedup_key", e.dedupKey())
                .put("event_id", e.eventId())
                .put("event_action", e.action().wire())
                .put("incident_key", e.incidentKey())
                .put("incident_started", e.incidentStarted().toString())
                .put("sent", sent.toString())
                .put("level", e.level().name())
                .put("category", e.category())
                .put("event", e.event())
                .put("headline", e.headline())
                .put("description", e.description())
                .put("area", e.area());
    }

    private Future<Delivery> verdict(DispatchEvent event, HttpResponse<Buffer> response, Instant sent) {
        if (ProviderHttp.isSuccess(response) || response.statusCode() == 409) {
            return Future.succeededFuture(new Delivery(CHANNEL, event.dedupKey() + "/" + event.eventId(), sent));
        }
        return Future.failedFuture(http.statusFailure(response));
    }
}
