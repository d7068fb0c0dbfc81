package io.hazardwatch.alerts.policy;

/** The rungs of the supervision grid an incident escalates along. */
public enum GridRole {
    GRID_MEMBER,
    GRID_LEADER,
    SQUAD,
    /** Hand-over to emergency dispatch (a webhook, not a person). */
    DISPATCH
}
