package io.hazardwatch.ingest.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a published message may enter the system: the client publishes only for its own
 * enterprise and registered devices, and each reading in it is well-formed, for a registered sensor,
 * in the sensor type's unit, a value some instrument could report, and not too old. A stamp ahead of the
 * gateway's clock by more than the tolerance is clamped to the receive time, not refused. A value outside the
 * sensor's measuring range is accepted unchanged: above it is evidence of a large release, below it a sensor
 * failing toward safety, and the detection job raises OUT_OF_RANGE and judges the value against the set points;
 * only what cannot be a measurement is refused ({@link PlausibleRange}). Envelope problems refuse the whole
 * message; in a batch, a bad reading is refused alone ({@link Verdict}).
 */
public final class PayloadValidator {

    private static final Set<String> READING_FIELDS = Set.of("sensor", "value", "unit", "ts");

    private final Supplier<Registry> registry;
    private final int maxPayloadBytes;
    private final int maxBatchSize;
    private final Duration clockTolerance;
    private final Duration maxAge;
    private final ClockAhead clockAhead;

    public PayloadValidator(Registry registry, int maxPayloadBytes, int maxBatchSize, Duration clockTolerance,
                            Duration maxAge) {
        this(() -> registry, maxPayloadBytes, maxBatchSize, clockTolerance, maxAge, ClockAhead.IGNORE);
    }

    /**
     * @param registry       the current registry; asked once per message, so a reloaded registry applies at once
     * @param clockTolerance how far a device stamp may run ahead of the gateway's clock and still be the event time
     * @param clockAhead     told of every stamp clamped to the receive time
     */
    public PayloadValidator(Supplier<Registry> registry, int maxPayloadBytes, int maxBatchSize, Duration clockTolerance,
                            Duration maxAge, ClockAhead clockAhead) {
        this.registry = registry;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxBatchSize = maxBatchSize;
        this.clockTolerance = clockTolerance;
        this.maxAge = maxAge;
        this.clockAhead = clockAhead;
    }

    /**
     * @param clientEnterprise the enterprise the client authenticated as
     * @param address          where it published
     * @param payload          the raw payload
     * @param receivedAt       the gateway's receive time (ingest time, and the event time when ts is absent)
     */
    public Verdict validate(String clientEnterprise, DeviceAddress address, byte[] payload, Instant receivedAt) {
        Registry registry = this.registry.get();
        if (!address.enterprise().equals(clientEnterprise)) {
            return Verdict.refuse(RefusalReason.NOT_AUTHORIZED, "client of enterprise '" + clientEnterprise
                    + "' may not publish for enterprise '" + address.enterprise() + "'");
        }
        if (!registry.hasDevice(address.enterprise(), address.device())) {
            return Verdict.refuse(RefusalReason.NOT_AUTHORIZED, "device '" + address.device()
                    + "' is not registered for enterprise '" + address.enterprise() + "'");
        }
        if (payload.length > maxPayloadBytes) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "payload of " + payload.length
                    + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "payload must be a JSON object");
        }
        return root.has("readings") ? batch(registry, root, address, receivedAt) : single(registry, root, address, receivedAt);
    }

    private Verdict batch(Registry registry, JsonNode root, DeviceAddress address, Instant receivedAt) {
        if (root.size() != 1) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "a batch has only the field 'readings'");
        }
        JsonNode items = root.get("readings");
        if (!items.isArray() || items.isEmpty()) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "readings: must be a non-empty array");
        }
        if (items.size() > maxBatchSize) {
            return Verdict.refuse(RefusalReason.PAYLOAD_INVALID, "readings: " + items.size()
                    + " readings exceed the batch limit of " + maxBatchSize);
        }
        List<Reading> readings = new ArrayList<>(items.size());
        List<Verdict.RefusedReading> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object result = reading(registry, items.get(i), "readings[" + i + "].", address, receivedAt);
            if (result instanceof Refusal refusal) {
                refused.add(new Verdict.RefusedReading(i, refusal, Json.toBytes(items.get(i))));
            } else {
                readings.add((Reading) result);
            }
        }
        if (readings.isEmpty()) {
            return Verdict.refuse(refused.get(0).refusal().reason(), "every reading was refused: " + refused.stream()
                    .limit(10).map(r -> r.refusal().detail()).collect(java.util.stream.Collectors.joining("; "))
                    + (refused.size() > 10 ? "; and " + (refused.size() - 10) + " more" : ""));
        }
        return new Verdict.Accepted(readings, refused);
    }

    private Verdict single(Registry registry, JsonNode root, DeviceAddress address, Instant receivedAt) {
        Object result = reading(registry, root, "", address, receivedAt);
        return result instanceof Refusal refusal
                ? new Verdict.Refused(refusal)
                : new Verdict.Accepted(List.of((Reading) result));
    }

    /** Returns a Reading or a Refusal naming the field by its path. */
    private Object reading(Registry registry, JsonNode node, String path, DeviceAddress address, Instant receivedAt) {
        if (!node.isObject()) {
            return invalid(path.isEmpty() ? "payload" : path.substring(0, path.length() - 1), "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!READING_FIELDS.contains(name)) {
                return invalid(path + name, "unknown field (expected sensor, value, unit, ts)");
            }
        }
        JsonNode sensorNode = node.get("sensor");
        if (sensorNode == null || !sensorNode.isTextual() || sensorNode.asText().isBlank()) {
            return invalid(path + "sensor", "required, a string");
        }
        SensorKey key = new SensorKey(address.enterprise(), address.device(), sensorNode.asText());
        SensorSpec spec = registry.sensor(key).orElse(null);
        if (spec == null) {
            return new Refusal(RefusalReason.UNKNOWN_SENSOR, path + "sensor: '" + key.sensor()
                    + "' is not registered on device '" + key.device() + "'");
        }
        JsonNode valueNode = node.get("value");
        if (valueNode == null || !valueNode.isNumber()) {
            return invalid(path + "value", "required, a number");
        }
        double value = valueNode.asDouble();
        if (!Double.isFinite(value)) {
            return invalid(path + "value", "must be finite");
        }
        PlausibleRange plausible = PlausibleRange.of(spec);
        if (!plausible.contains(value)) {
            return invalid(path + "value", value + " " + spec.unit() + " is beyond any plausible instrument: outside "
                    + plausible + " (" + PlausibleRange.SPANS + " times the sensor's range " + plausible.rangeMin()
                    + ".." + plausible.rangeMax() + " " + spec.unit() + " on either side)");
        }
        JsonNode unitNode = node.get("unit");
        if (unitNode != null && !(unitNode.isTextual() && unitNode.asText().equals(spec.unit()))) {
            return invalid(path + "unit", "'" + unitNode.asText() + "' does not match " + spec.type()
                    + ", which is measured in " + spec.unit());
        }
        Object eventTime = eventTime(node.get("ts"), path + "ts", receivedAt);
        if (eventTime instanceof Refusal refusal) {
            return refusal;
        }
        if (((Instant) eventTime).isAfter(receivedAt.plus(clockTolerance))) {
            // A stamp from the future would make this sensor's later, correct readings "late" for detection and drag
            // the watermark ahead; refusing it would silence a real leak from a device with a bad clock. Clamp it:
            // the reading is judged as received now.
            clockAhead.clamped(key, (Instant) eventTime, receivedAt);
            eventTime = receivedAt;
        }
        return new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), spec.type(), value,
                spec.unit(), (Instant) eventTime, receivedAt);
    }

    private Object eventTime(JsonNode ts, String path, Instant receivedAt) {
        if (ts == null || ts.isNull()) {
            return receivedAt;
        }
        Instant time;
        try {
            if (ts.isIntegralNumber()) {
                time = Instant.ofEpochMilli(ts.asLong());
            } else if (ts.isTextual()) {
                time = Json.parseInstant(ts.asText());
            } else {
                return invalid(path, "must be an ISO-8601 time or epoch milliseconds");
            }
        } catch (DateTimeException e) {
            return invalid(path, "'" + ts.asText() + "' is not an ISO-8601 time such as 2026-11-24T08:00:00Z");
        }
        if (time.isBefore(receivedAt.minus(maxAge))) {
            return invalid(path, time + " is older than " + maxAge.toHours() + " h");
        }
        return time;
    }

    private static Refusal invalid(String field, String problem) {
        return new Refusal(RefusalReason.PAYLOAD_INVALID, field + ": " + problem);
    }
}
