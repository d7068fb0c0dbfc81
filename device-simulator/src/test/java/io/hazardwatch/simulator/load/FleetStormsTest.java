package io.hazardwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetStormsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void lossesEachWithinASecondOfTheLastAreOneStormThatRecoversWithItsLastDevice() {
        FleetStorms storms = new FleetStorms(3);
        FleetStorms.Outage a = storms.lost(10 * S);
        FleetStorms.Outage b = storms.lost(10 * S + S / 2);
        FleetStorms.Outage c = storms.lost(11 * S + S / 4); // 1.25 s after the first, 0.75 s after the previous

        assertThat(a).isSameAs(b).isSameAs(c);
        storms.published(a, 12 * S);
        storms.published(a, 13 * S);
        assertThat(storms.storms(0)).singleElement().satisfies(s -> assertThat(s.recoverySeconds()).isEqualTo(-1));
        storms.published(a, 14 * S + S / 2);

        assertThat(storms.storms(0)).containsExactly(new FleetStorms.Storm(10, 3, 4.5, 0));
    }

    @Test
    void fewerDevicesThanTheThresholdAreNoStorm() {
        FleetStorms storms = new FleetStorms(3);
        storms.lost(0);
        storms.lost(S / 2);
        storms.lost(2 * S); // more than a second after the previous loss: a new outage of one device

        assertThat(storms.storms(0)).isEmpty();
    }

    @Test
    void aStormThatHasNotRecoveredSaysHowManyDevicesAreStillDown() {
        FleetStorms storms = new FleetStorms(2);
        FleetStorms.Outage o = storms.lost(5 * S);
        storms.lost(5 * S);
        storms.lost(5 * S);
        storms.published(o, 6 * S);

        assertThat(storms.storms(S)).containsExactly(new FleetStorms.Storm(4, 3, -1, 2));
    }
}
