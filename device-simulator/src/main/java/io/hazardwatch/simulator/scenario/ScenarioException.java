package io.hazardwatch.simulator.scenario;

/** The scenario file is unreadable or inconsistent; the message starts with the offending field's path. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
