package io.hazardwatch.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

    @Test
    void neverHandsOutMoreThanItsBound() {
        InFlightBudget budget = new InFlightBudget(2);

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.inFlight()).isEqualTo(2);
    }

    @Test
    void eachReleaseWakesOneWaiterInOrder() {
        InFlightBudget budget = new InFlightBudget(1);
        budget.tryAcquire();
        List<String> woken = new ArrayList<>();
        budget.whenAvailable(() -> woken.add("first"));
        budget.whenAvailable(() -> woken.add("second"));

        budget.release();

        assertThat(woken).containsExactly("first");
        budget.wakeOne();
        assertThat(woken).containsExactly("first", "second");
    }

    @Test
    void aWaiterRegisteredAfterTheSlotFreedIsWokenAtOnce() {
        InFlightBudget budget = new InFlightBudget(1);
        List<String> woken = new ArrayList<>();

        budget.whenAvailable(() -> woken.add("late"));

        assertThat(woken).containsExactly("late");
    }
}
