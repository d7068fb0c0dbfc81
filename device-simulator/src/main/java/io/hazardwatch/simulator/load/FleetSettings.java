package io.hazardwatch.simulator.load;

import java.time.Duration;

/**
 * One fleet run ({@code load --fleet}): one connection per device, each with its own login, one reading in flight.
 *
 * @param deviceRate         readings per second per device; 0 = closed loop (the next as soon as the PUBACK came)
 * @param duration           the whole run, connecting included
 * @param settle             the first part of the run left out of its rate and PUBACK figures (connect figures keep
 *                           it): zero for a park's view, connects included; longer for a steady state (end to end)
 * @param qos                QoS of the readings (1: one in flight means one awaiting its PUBACK)
 * @param mqttVersion        3 or 5
 * @param connectConcurrency CONNECTs awaiting their CONNACK at once (first connects and reconnects alike)
 * @param reconnectJitter    a lost or refused device tries again after a random wait up to this
 * @param stormDevices       devices lost within {@link FleetStorms#GAP} of each other that make a storm
 * @param eventLoops         Netty event-loop threads of the pipelined client (and the devices' timers)
 * @param client             Netty (pipelined, 1 in flight) or Paho
 */
public record FleetSettings(double deviceRate, Duration duration, Duration settle, int qos, int mqttVersion, int connectConcurrency,
                            Duration reconnectJitter, int stormDevices, int eventLoops, LoadSettings.Client client) {

    /** Devices lost at once that make a storm in a large fleet; a smaller fleet needs all of its devices lost. */
    public static final int STORM_DEVICES = 100;

    /** A CONNECT without CONNACK within this is given up and retried (an overloaded broker may never answer). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
}
