package io.hazardwatch.alerts.duty;

/** A small roster for the tests: alice days and bob nights on Monday and Tuesday, carol on Tuesday's day (override). */
public final class RosterTestFiles {

    public static final String ROSTER = """
            shifts:
              - {name: day, from: "08:00", to: "20:00"}
              - {name: night, from: "20:00", to: "08:00"}
            weekly:
              - {days: [MONDAY, TUESDAY], shift: day, officer: alice, leader: Zhang}
              - {days: [MONDAY, TUESDAY], shift: night, officer: bob, leader: Li}
            overrides:
              - {date: 2026-12-08, shift: day, officer: carol}
            """;

    private RosterTestFiles() {
    }
}
