package io.hazardwatch.alerts.incident;

import java.time.Instant;

/** Who did something, and when (wall clock of the service). */
public record Stamp(String by, Instant at) {
}
