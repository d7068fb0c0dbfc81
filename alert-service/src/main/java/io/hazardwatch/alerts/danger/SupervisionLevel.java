package io.hazardwatch.alerts.danger;

/** The level of government that put a major hidden danger under supervision (挂牌督办). */
public enum SupervisionLevel {
    CITY,
    DISTRICT,
    STREET
}
