package io.hazardwatch.ingest.intake;

import io.hazardwatch.ingest.intake.ReadingSender.RefusedMessage;
import io.hazardwatch.ingest.limits.EnterpriseLimits;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.metrics.IngestMetrics.Transport;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.ingest.validation.Refusal;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.hazardwatch.model.DeviceAddress;
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
 * The way in for one message, whatever brought it (MQTT, HTTP, the bridge), as named steps, each package-private
 * and tested on its own: {@link #checkQuota} → {@link #validateAddress} (a device the login may publish for) →
 * {@link #map} (payload to readings) → {@link #upload} (readings, or the refused payload on the dead-letter topic;
 * for a batch with some readings refused, both). The edge that received the message has already checked what is
 * its own (MQTT: QoS) and read its topic or path into a {@link Destination}. The Future holds the verdict once it
 * is durable in Kafka, and fails when Kafka did not take it: then the message must not be acknowledged.
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
     * @param to                      where the message was sent, as its edge read it
     * @param clientKeepsQuotaRefused a message refused for quota is not acknowledged as stored, so its client keeps it
     *                                and sends it again (MQTT 5: PUBACK 0x97; HTTP: 429; MQTT 3.1.1: no PUBACK and
     *                                the connection closed): it is then not dead-lettered, or the resent copy would
     *                                sit beside a refused one that nothing replays. The bridge acknowledges upstream
     *                                whatever the verdict, so there the dead-letter topic is the message's only record.
     */
    public record Submission(Principal principal, String clientId, Destination to, byte[] payload, Instant receivedAt,
                             Transport transport, boolean clientKeepsQuotaRefused) {
    }

    public Future<Verdict> submit(Submission s) {
        metrics.received(s.transport());
        long start = System.nanoTime();
        Verdict verdict = judge(s);
        metrics.stage(IngestMetrics.Stage.JUDGE, System.nanoTime() - start);
        return upload(s, verdict);
    }

    /** The steps before storage: check quota → validate address → map. */
    Verdict judge(Submission s) {
        Refusal refusal = checkQuota(s.principal());
        if (refusal != null) {
            return new Verdict.Refused(refusal);
        }
        if (!(s.to() instanceof Destination.Device device)) {
            return Verdict.refuse(RefusalReason.TOPIC_INVALID,
                    "topic '" + s.to().topic() + "' is not hazardwatch/v1/{enterprise}/{device}/readings");
        }
        refusal = validateAddress(s.principal(), device.address());
        return refusal != null ? new Verdict.Refused(refusal) : map(s, device.address());
    }

    /** Takes one message from the enterprise's messages-per-second quota; a refusal when it has none left. */
    Refusal checkQuota(Principal principal) {
        if (limits.tryMessage(principal.enterprise())) {
            return null;
        }
        return new Refusal(RefusalReason.QUOTA_EXCEEDED, "enterprise '" + principal.enterprise()
                + "' is over its limit of " + limits.maxMessagesPerSecond(principal.enterprise()) + " messages/s");
    }

    /**
     * A login of the device's own enterprise must be allowed that device; another enterprise and an unregistered
     * device are refused by the validator (with their own details).
     */
    Refusal validateAddress(Principal principal, DeviceAddress address) {
        if (address.enterprise().equals(principal.enterprise())
                && !principal.mayPublishFor(address.enterprise(), address.device())) {
            return new Refusal(RefusalReason.NOT_AUTHORIZED, "login '" + principal.username()
                    + "' may not publish for device '" + address.device() + "'");
        }
        return null;
    }

    /** Validates the payload and turns it into readings of the device's sensors. */
    Verdict map(Submission s, DeviceAddress address) {
        return validator.validate(s.principal().enterprise(), address, s.payload(), s.receivedAt());
    }

    /** Stores what the verdict says: the readings, the refused payload (dead letter), or for a batch both. */
    Future<Verdict> upload(Submission s, Verdict verdict) {
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
            stored = sender.deadLetter(new RefusedMessage(s.payload(), refused.refusal(), s.to().topic(), s.clientId(),
                    s.principal().enterprise(), s.receivedAt()));
        }
        return stored.transform(ar -> {
            if (ar.failed()) {
                metrics.storageFailed(ar.cause());
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
                s.to().topic(), accepted.refusedSummary(5));
        List<Future<Void>> writes = new ArrayList<>();
        writes.add(sender.send(accepted.readings()));
        String topic = s.to().topic();
        for (Verdict.RefusedReading r : accepted.refused()) {
            writes.add(sender.deadLetter(new RefusedMessage(r.json(), r.refusal(), topic, s.clientId(),
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
                s.to().topic(), refused.refusal());
    }
}
