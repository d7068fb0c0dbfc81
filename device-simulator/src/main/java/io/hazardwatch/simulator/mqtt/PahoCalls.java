package io.hazardwatch.simulator.mqtt;

import io.hazardwatch.simulator.mqtt.MqttLink.MqttFailure;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link PahoV3Link} and {@link PahoV5Link} do alike: Paho's two clients have the same calls but no
 * common types (not even their {@code MqttException}), so each link keeps its own calls and listener and
 * hands them to these.
 */
final class PahoCalls {

    private PahoCalls() {
    }

    /** A Paho call that reports through a listener completing {@code done}; may throw Paho's MqttException. */
    @FunctionalInterface
    interface Call {
        void start(CompletableFuture<Void> done) throws Exception;
    }

    /** A Paho call made while closing; its MqttException is of no interest then. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Starts {@code call}; its future also fails when Paho refuses the call at once. */
    static CompletableFuture<Void> start(Call call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            call.start(done);
        } catch (RuntimeException e) {
            throw e; // not a refusal: a bad argument (e.g. an invalid topic) is thrown to the caller
        } catch (Exception e) {
            done.completeExceptionally(failure(e));
        }
        return done;
    }

    /** Disconnects, then releases the client's threads, even when Paho complains: the link is closing anyway. */
    static void close(Step disconnect, Step release) {
        quietly(disconnect);
        quietly(release);
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** The constructor's error for a broker URL or client id that Paho will not take. */
    static IllegalArgumentException unusableBroker(String broker, Exception e) {
        return new IllegalArgumentException("broker: cannot use '" + broker + "': " + failure(e).getMessage(), e);
    }

    /** Paho's exception (v3 or v5) as an {@link MqttFailure} with its reason code; anything else with -1. */
    static MqttFailure failure(Throwable e) {
        if (e instanceof org.eclipse.paho.client.mqttv3.MqttException m) {
            return failure(m, m.getReasonCode());
        }
        if (e instanceof org.eclipse.paho.mqttv5.common.MqttException m) {
            return failure(m, m.getReasonCode());
        }
        return new MqttFailure(String.valueOf(e), -1, e);
    }

    private static MqttFailure failure(Exception e, int reasonCode) {
        String text = e.getMessage() + " (" + reasonCode + ")";
        return new MqttFailure(e.getCause() == null ? text : text + ": " + e.getCause(), reasonCode, e);
    }
}
