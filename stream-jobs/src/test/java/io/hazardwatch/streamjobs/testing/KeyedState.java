package io.hazardwatch.streamjobs.testing;

import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * What {@code KeyedOneInputStreamOperatorTestHarness.numKeyedStateEntries()} tells, for the harnesses that lack it
 * (the keyed broadcast harness of our keyed functions): how many keyed state entries the operator holds, summed over
 * its keys and states. Flink's training solutions assert it is back to zero once a key is done.
 */
public final class KeyedState {

    private KeyedState() {
    }

    /** The number of keyed state entries of the harness's operator (the harness's default, heap, state backend). */
    public static int numKeyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        KeyedStateBackend<?> backend = harness.getOperator().getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend<?> heap) {
            return heap.numKeyValueStateEntries();
        }
        throw new UnsupportedOperationException("keyed state entries are counted on the heap backend only");
    }
}
