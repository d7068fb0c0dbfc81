package io.hazardwatch.alerts.grading;

/**
 * One weighted factor of an enterprise's grade: what was counted, the points it gives and why, for people
 * ("3 real releases in 30 days: +18").
 *
 * @param id     stable name of the factor (the board's text key), e.g. {@code realReleases30d}
 * @param value  what was counted or measured (a count, a level, minutes, a rate between 0 and 1)
 */
public record Factor(String id, double value, int points, String reason) {
}
