package io.hazardwatch.ingest.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.guard.UnauthenticatedCount.Admission;
import org.junit.jupiter.api.Test;

class UnauthenticatedCountTest {

    @Test
    void refusesBeyondThePerAddressCapAndTheTotalAndCountsLeavesBack() {
        UnauthenticatedCount count = new UnauthenticatedCount(3, 2);

        assertThat(count.enter("10.0.0.1")).isEqualTo(Admission.ADMITTED);
        assertThat(count.enter("10.0.0.1")).isEqualTo(Admission.ADMITTED);
        assertThat(count.enter("10.0.0.1")).isEqualTo(Admission.ADDRESS_FULL);
        assertThat(count.enter("10.0.0.2")).isEqualTo(Admission.ADMITTED);
        assertThat(count.enter("10.0.0.3")).isEqualTo(Admission.TOTAL_FULL);
        assertThat(count.total()).isEqualTo(3);

        count.leave("10.0.0.1");
        count.leave("10.0.0.1");
        count.leave("10.0.0.2");
        assertThat(count.total()).isZero();
        assertThat(count.addresses()).as("no entry left behind").isZero();
    }
}
