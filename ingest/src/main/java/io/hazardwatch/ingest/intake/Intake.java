package io.hazardwatch.ingest.intake;

import io.hazardwatch.ingest.kafka.ReadingSender;
import io.hazardwatch.ingest.kafka.ReadingSender.RefusedMessage;
import io.hazardwatch.ingest.limits.EnterpriseLimits;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.metrics.IngestMetrics.Transport;
import io.hazardwatch.ingest.mqtt.MqttAddress;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.hazardwatch.model.registry.Principal;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in for one message, whatever brought it (MQTT, HTTP, the bridge), as named steps:
 * check quota → authorise (address, principal's devices) → validate payload → store (readings, or the
 * refused payload on the dead-letter topic; for a batch with some readings refused, both). The Future holds the verdict once it is durable in Kafka,
 * and fails when Kafka did not take it: then the message must not be acknowledged.
 */
public final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    private static final long QUOTA_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    private final PayloadValidator validator;
    private final ReadingSender sender;
    private final EnterpriseLimits limits;
    private final IngestMetrics metrics;
    private final ConcurrentMap<String, Long> quotaLogged = new ConcurrentHashMap<>();

    public Intake(PayloadValidator validator, ReadingSender sender, EnterpriseLimits limits, IngestMetrics metrics) {
        this.validator = validator;
        this.sender = sender;
        this.limits = limits;
        this.metrics = metrics;
    }

    /**
     * @param clientKeepsQuotaRefused a message refused for quota is not acknowledged as stored, so its client keeps it
     *                                and sends it again (MQTT 5: PUBACK 0x97; HTTP: 429; MQTT 3.1.1: no PUBACK and
     *                                the connection closed): it is then not dead-lettered, or the resent copy would
     *                                sit beside a refused one that nothing replays. The bridge acknowledges upstream
     *                                whatever the verdict, so there the dead-letter topic is the message's only record.
     */
    public record Submission(Principal principal, String clientId, String topic, byte[] payload, Instant receivedAt,
                             Transport transport, boolean clientKeepsQuotaRefused) {
    }

    public Future<Verdict> submit(Submission s) {
        metrics.received(s.transport());
        Verdict verdict = checkQuota(s);
        if (verdict == null) {
            verdict = authorize(s);
        }
        if (verdict == null) {
            MqttAddress address = MqttAddress.parse(s.topic()).orElseThrow();
            verdict = validator.validate(s.principal().enterprise(), address, s.payload(), s.receivedAt());
        }
        return store(s, verdict);
    }

    private Verdict checkQuota(Submission s) {
        if (limits.tryMessage(s.principal().enterprise())) {
            return null;
        }
        return Verdict.refuse(RefusalReason.QUOTA_EXCEEDED, "enterprise '" + s.principal().enterprise()
                + "' is over its limit of " + limits.maxMessagesPerSecond(s.principal().enterprise()) + " messages/s");
    }

    private Verdict authorize(Submission s) {
        MqttAddress address = MqttAddress.parse(s.topic()).orElse(null);
        if (address == null) {
            return Verdict.refuse(RefusalReason.TOPIC_INVALID,
                    "topic '" + s.topic() + "' is not hazardwatch/v1/{enterprise}/{device}/readings");
        }
        Principal p = s.principal();
        if (address.enterprise().equals(p.enterprise()) && !p.mayPublishFor(address.enterprise(), address.device())) {
            return Verdict.refuse(RefusalReason.NOT_AUTHORIZED, "login '" + p.username()
                    + "' may not publish for device '" + address.device() + "'");
        }
        return null; // enterprise and registration are checked by the validator
    }

    private Future<Verdict> store(Submission s, Verdict verdict) {
        long start = System.nanoTime();
        Future<Void> stored;
        if (verdict instanceof Verdict.Accepted accepted) {
            stored = accepted.refused().isEmpty() ? sender.send(accepted.readings()) : storePartly(s, accepted);
        } else {
            Verdict.Refused refused = (Verdict.Refused) verdict;
            logRefusal(s, refused);
            if (refused.refusal().reason() == RefusalReason.QUOTA_EXCEEDED && s.clientKeepsQuotaRefused()) {
                metrics.refused(s.transport(), RefusalReason.QUOTA_EXCEEDED);
                return Future.succeededFuture(verdict);
            }
            stored = sender.deadLetter(new RefusedMessage(s.payload(), refused.refusal(), s.topic(), s.clientId(),
                    s.principal().enterprise(), s.receivedAt()));
        }
        return stored.transform(ar -> {
            if (ar.failed()) {
                metrics.storageFailed();
                return Future.failedFuture(ar.cause());
            }
            metrics.produced(start);
            if (verdict instanceof Verdict.Accepted accepted) {
                metrics.accepted(s.transport(), accepted.readings().size());
                accepted.refused().forEach(r -> metrics.readingRefused(r.refusal().reason()));
            } else {
                metrics.refused(s.transport(), ((Verdict.Refused) verdict).refusal().reason());
            }
            return Future.succeededFuture(verdict);
        });
    }

    /**
     * The good readings of a batch go to the readings topic, each refused one to the dead-letter topic (its own JSON,
     * its own reason); the message counts as stored only when Kafka has acknowledged all of them.
     */
    private Future<Void> storePartly(Submission s, Verdict.Accepted accepted) {
        LOG.warn("stored part of a message from {} client {} ({}) on {}: {}", s.transport(), s.clientId(), s.principal(),
                s.topic(), accepted.refusedSummary(5));
        List<Future<Void>> writes = new ArrayList<>();
        writes.add(sender.send(accepted.readings()));
        for (Verdict.RefusedReading r : accepted.refused()) {
            writes.add(sender.deadLetter(new RefusedMessage(r.json(), r.refusal(), s.topic(), s.clientId(),
                    s.principal().enterprise(), s.receivedAt())));
        }
        return Future.all(writes).mapEmpty();
    }

    private void logRefusal(Submission s, Verdict.Refused refused) {
        if (refused.refusal().reason() == RefusalReason.QUOTA_EXCEEDED) {
            // one line per enterprise every 10 s, not one per message of a flood
            long now = System.nanoTime();
            Long last = quotaLogged.get(s.principal().enterprise());
            if (last != null && now - last < QUOTA_LOG_INTERVAL) {
                return;
            }
            quotaLogged.put(s.principal().enterprise(), now);
        }
        LOG.warn("refused message from {} client {} ({}) on {}: {}", s.transport(), s.clientId(), s.principal(),
                s.topic(), refused.refusal());
    }
}
