package io.hazardwatch.ingest.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Releases acknowledgements in the order the PUBLISH packets arrived (MQTT-4.6.0-2), although Kafka may
 * confirm writes to different partitions out of order. One instance per connection, used on its context.
 */
final class OrderedAcks {

    private final Deque<Slot> pending = new ArrayDeque<>();

    /** Reserves the next place in line; the returned slot sends its ack once all earlier slots have. */
    Slot reserve() {
        Slot slot = new Slot();
        pending.addLast(slot);
        return slot;
    }

    int inFlight() {
        return pending.size();
    }

    final class Slot {
        private Runnable ack;

        /** Records this slot's ack and sends every ack that is now at the head of the line. */
        void complete(Runnable ack) {
            this.ack = ack;
            while (!pending.isEmpty() && pending.peekFirst().ack != null) {
                pending.pollFirst().ack.run();
            }
        }
    }
}
