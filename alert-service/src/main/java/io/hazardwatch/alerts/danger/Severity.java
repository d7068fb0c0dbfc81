package io.hazardwatch.alerts.danger;

/** How grave a hidden danger is: only a MAJOR one (重大隐患) may be put under supervision (挂牌督办). */
public enum Severity {
    GENERAL,
    MAJOR
}
