package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.intake.Intake;
import io.hazardwatch.ingest.intake.ReadingSender;
import io.hazardwatch.ingest.limits.EnterpriseLimits;
import io.hazardwatch.ingest.limits.InFlightBudget;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.model.registry.Registry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every MQTT connection shares, built once by the composition root.
 *
 * @param maxInFlightPerConnection messages of one connection in Kafka's hands before its socket is not read
 * @param maxSessionExpiry         longest a persistent session is kept after disconnect
 */
public record GatewayServices(Supplier<Registry> registry, Intake intake, ReadingSender sender, EnterpriseLimits limits,
                              InFlightBudget budget, IngestMetrics metrics, int maxInFlightPerConnection,
                              Duration maxSessionExpiry) {
}
