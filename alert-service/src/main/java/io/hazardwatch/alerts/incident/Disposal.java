package io.hazardwatch.alerts.incident;

import java.time.Instant;

/**
 * The record made when an incident is closed: who closed it, what was done on site, and notes.
 *
 * @param action what was done (e.g. "valve V-12 closed, area ventilated, detector recalibrated")
 */
public record Disposal(String by, Instant at, String action, String notes) {
}
