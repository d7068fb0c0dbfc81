package io.hazardwatch.alerts.incident;

import java.time.Instant;

public record Comment(String by, Instant at, String text) {
}
