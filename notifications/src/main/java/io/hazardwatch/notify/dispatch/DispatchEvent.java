package io.hazardwatch.notify.dispatch;

import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;
import java.util.Objects;

/**
 * One hand-over to emergency dispatch.
 *
 * @param eventId         unique per message (the outbox id): a receiver drops a repeated event id
 * @param incidentKey     the incident; its {@link DedupKey} is the same for every message about it
 * @param incidentStarted when the incident was first triggered (CAP updates and cancels reference it)
 * @param category        CAP category: {@code Env} (release to the environment) or {@code Safety}
 * @param event           what happened, in a few words ("Ammonia leak")
 * @param area            where, as people say it ("Hengda Fine Chemicals, tank farm")
 */
public record DispatchEvent(String eventId, String incidentKey, DispatchAction action, Instant incidentStarted,
                            AlarmLevel level, String category, String event, String headline, String description,
                            String area) {

    public DispatchEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(incidentKey, "incidentKey");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(incidentStarted, "incidentStarted");
        Objects.requireNonNull(level, "level");
        category = category == null ? "Safety" : category;
        if (!category.equals("Env") && !category.equals("Safety")) {
            throw new IllegalArgumentException("category must be Env or Safety, was " + category);
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(area, "area");
    }

    public String dedupKey() {
        return DedupKey.of(incidentKey);
    }
}
