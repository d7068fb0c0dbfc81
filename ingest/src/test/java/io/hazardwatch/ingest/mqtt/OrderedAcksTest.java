package io.hazardwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedAcksTest {

    @Test
    void holdsALaterAckUntilEarlierOnesAreSent() {
        OrderedAcks acks = new OrderedAcks();
        List<Integer> sent = new ArrayList<>();
        OrderedAcks.Slot first = acks.reserve();
        OrderedAcks.Slot second = acks.reserve();
        OrderedAcks.Slot third = acks.reserve();

        third.complete(() -> sent.add(3));
        second.complete(() -> sent.add(2));
        assertThat(sent).isEmpty();
        assertThat(acks.inFlight()).isEqualTo(3);

        first.complete(() -> sent.add(1));
        assertThat(sent).containsExactly(1, 2, 3);
        assertThat(acks.inFlight()).isZero();
    }
}
