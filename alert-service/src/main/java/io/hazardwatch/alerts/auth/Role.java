package io.hazardwatch.alerts.auth;

/** What a user of the duty-room API may do (see {@link Access}). */
public enum Role {
    /** The 24-hour duty room: sees and handles everything, manages silences. */
    DUTY_OFFICER,
    /** Grid member, leader or squad: sees and handles incidents of their grid cells. */
    GRID_STAFF,
    /** An enterprise's own safety officer: sees its own enterprise, answers its incidents (feedback), else read-only. */
    ENTERPRISE,
    /** Administrator: everything a duty officer may do. */
    ADMIN
}
