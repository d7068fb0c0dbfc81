package io.hazardwatch.streamjobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

    @Test
    void writesTagsInTheGivenOrderThenFloatAndIntegerFieldsThenMilliseconds() {
        String line = LineProtocol.measurement("reading_1m").tag("device", "d").tag("sensor", "s")
                .field("count", 3L).field("max", 2.5).at(1_700_000_000_123L);

        assertThat(line).isEqualTo("reading_1m,device=d,sensor=s count=3i,max=2.5 1700000000123");
    }

    @Test
    void escapesCommasSpacesAndEqualsSignsWhereInfluxDbNeedsIt() {
        String line = LineProtocol.measurement("my reading,x").tag("a key=", "v 1,=2").field("f=1", 1.0).at(5);

        assertThat(line).isEqualTo("my\\ reading\\,x,a\\ key\\==v\\ 1\\,\\=2 f\\=1=1.0 5");
    }

    @Test
    void leavesOutEmptyTagsWhichInfluxDbRefuses() {
        assertThat(LineProtocol.measurement("m").tag("unit", "").tag("other", null).field("v", 1.0).at(1))
                .isEqualTo("m v=1.0 1");
    }

    @Test
    void writesVerySmallAndLargeValuesInExponentForm() {
        assertThat(LineProtocol.measurement("m").field("v", 0.00001).at(1)).isEqualTo("m v=1.0E-5 1");
        assertThat(LineProtocol.measurement("m").field("v", -3.5e12).at(1)).isEqualTo("m v=-3.5E12 1");
    }

    @Test
    void refusesNonFiniteValuesAndPointsWithoutFields() {
        assertThatThrownBy(() -> LineProtocol.measurement("m").field("v", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field v");
        assertThatThrownBy(() -> LineProtocol.measurement("m").tag("t", "x").at(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one field");
    }

    @Test
    void aMinuteAggregateIsOnePointAtTheMinutesStart() {
        Instant minute = Instant.parse("2026-11-24T08:01:00Z");
        MinuteAggregate aggregate = new MinuteAggregate("ent-a", "tank-1", "lel-1", "COMBUSTIBLE_GAS", "%LEL",
                minute, 1.0, 4.0, 2.5, 4);

        assertThat(aggregate.toLine()).isEqualTo("reading_1m,device=tank-1,enterprise=ent-a,sensor=lel-1,"
                + "sensor_type=COMBUSTIBLE_GAS,unit=%LEL count=4i,max=4.0,mean=2.5,min=1.0 " + minute.toEpochMilli());
    }
}
