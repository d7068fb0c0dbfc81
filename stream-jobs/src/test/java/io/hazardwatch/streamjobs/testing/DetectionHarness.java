package io.hazardwatch.streamjobs.testing;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.job.DetectionFunction;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;

/** A keyed function of the detection job in Flink's operator test harness, with the rules broadcast as the job has them. */
public final class DetectionHarness {

    private DetectionHarness() {
    }

    /**
     * Opens {@code function} in a harness of parallelism 1, keyed by {@code key}, restored from {@code restoreFrom}
     * when it is not null.
     */
    public static KeyedBroadcastOperatorTestHarness<String, Reading, SensorSpec, AlarmEvent> open(
            KeyedBroadcastProcessFunction<String, Reading, SensorSpec, AlarmEvent> function,
            KeySelector<Reading, String> key, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                // cloned through Java serialization, as Flink ships it to the task managers
                new CoBroadcastWithKeyedOperator<>(InstantiationUtil.clone(function), List.of(DetectionFunction.RULES)),
                key, Types.STRING, 1, 1, 0);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE); // as DetectionJob's rules source does
        return harness;
    }

    /**
     * What {@code KeyedOneInputStreamOperatorTestHarness.numKeyedStateEntries()} tells, for the keyed broadcast
     * harness that lacks it: the keyed state entries the operator holds, over all keys and states. Flink's training
     * solutions assert it is back to zero once a key is done.
     */
    public static int numKeyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        KeyedStateBackend<?> backend = harness.getOperator().getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend<?> heap) {
            return heap.numKeyValueStateEntries();
        }
        throw new UnsupportedOperationException("keyed state entries are counted on the heap backend only");
    }
}
