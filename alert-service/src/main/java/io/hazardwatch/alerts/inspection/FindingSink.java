package io.hazardwatch.alerts.inspection;

import io.vertx.core.Future;

/**
 * Where an inspection's findings go: the hidden-danger register (wired by the composition root). Each finding
 * becomes a hidden danger of the task's enterprise (source INSPECTION, linked to the task).
 */
public interface FindingSink {

    /**
     * Reports one finding; completes with the new hidden danger's id. Fails if the register refuses it or cannot
     * store it; the task's result is then not recorded (the inspector submits again).
     */
    Future<String> report(Finding finding, String enterprise, InspectionTask task);
}
