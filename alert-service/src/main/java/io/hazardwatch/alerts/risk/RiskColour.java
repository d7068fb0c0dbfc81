package io.hazardwatch.alerts.risk;

/** The national monitoring system's four risk colours, most severe first. */
public enum RiskColour {
    RED,
    ORANGE,
    YELLOW,
    BLUE
}
