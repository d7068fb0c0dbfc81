package io.hazardwatch.simulator.load;

import java.time.Duration;

/**
 * One load run.
 *
 * @param rate               readings per second offered in total
 * @param connections        MQTT connections, spread over the scenario's enterprises (round robin)
 * @param duration           how long readings are offered (connecting comes before and is not counted)
 * @param batch              readings per MQTT message (1 = one reading per message)
 * @param qos                0 or 1
 * @param mqttVersion        3 or 5
 * @param maxInflight        QoS 1 messages awaiting a PUBACK per connection; beyond it the generator waits
 * @param connectConcurrency CONNECTs in flight at once (bcrypt makes each take ~80 ms at our gateway)
 * @param publishers         threads pacing the publishes
 * @param client             which MQTT client library carries the load
 */
public record LoadSettings(double rate, int connections, Duration duration, int batch, int qos, int mqttVersion,
                           int maxInflight, int connectConcurrency, int publishers, Client client) {

    /** The MQTT client of the load connections. */
    public enum Client {
        /** Eclipse Paho, as the simulator's other commands use: threads per connection, one write per PUBLISH. */
        PAHO,
        /**
         * {@link io.hazardwatch.simulator.mqtt.PipelinedLink}: shared event loops, a connection's queued
         * PUBLISHes go out with one write; costs the machine far less per message (plain TCP only).
         */
        PIPELINED
    }
}
