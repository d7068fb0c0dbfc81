package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendDetectorTest {

    private final SensorSpec gas = Sensors.gas();

    /** 3 %LEL with noise for a minute, then a leak rising 0.5 %LEL/s with the same noise, one reading a second. */
    private List<Reading> leakRamp() {
        Random random = new Random(7);
        List<Reading> readings = new ArrayList<>();
        for (int s = 0; s < 160; s++) {
            double base = s < 60 ? 3 : 3 + 0.5 * (s - 60);
            readings.add(Sensors.reading(gas, base + random.nextGaussian() * 0.3, s));
        }
        return readings;
    }

    @Test
    void leakRampGivesTheEarlyWarningBeforeTheFirstLevelAlarmWithItsLeadTime() {
        List<AlarmEvent> events = Sensors.runAll(SensorDetectors.of(gas), leakRamp());

        AlarmEvent warning = events.stream().filter(e -> e.alarmType().equals(AlarmEvent.TREND)).findFirst().orElseThrow();
        AlarmEvent alarm = events.stream().filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).findFirst().orElseThrow();
        assertThat(warning.transition()).isEqualTo(AlarmTransition.RAISED);
        assertThat(warning.level()).isEqualTo(AlarmLevel.FIRST);
        assertThat(alarm.level()).isEqualTo(AlarmLevel.FIRST);
        assertThat(warning.eventTime()).as("warned before the alarm").isBefore(alarm.eventTime());
        assertThat(Duration.between(warning.eventTime(), alarm.eventTime())).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(warning.threshold()).isEqualTo(25.0);
        assertThat(warning.windowValue()).as("rate per minute, from the recent readings").isBetween(10.0, 40.0);
        assertThat(warning.leadTimeSeconds()).isPositive();
        // the rise is measured from where it began (hinge), not over the flat baseline still in the window
        assertThat(Duration.between(alarm.eventTime(), warning.predictedCrossing()))
                .as("predicted crossing against the real one").isBetween(Duration.ofSeconds(-10), Duration.ofSeconds(10));
    }

    @Test
    void theLeadTimeAtALeaksOnsetHoldsForSlowAndFastLeaks() {
        for (double ratePerSecond : new double[] {0.25, 0.5, 1.0}) {
            for (int seed = 1; seed <= 3; seed++) {
                Random random = new Random(seed);
                List<Reading> readings = new ArrayList<>();
                for (int s = 0; s < 300; s++) {
                    double base = s < 60 ? 3 : 3 + ratePerSecond * (s - 60);
                    readings.add(Sensors.reading(gas, base + random.nextGaussian() * 0.3, s));
                }
                List<AlarmEvent> events = Sensors.runAll(SensorDetectors.of(gas), readings);

                AlarmEvent warning = events.stream().filter(e -> e.alarmType().equals(AlarmEvent.TREND)).findFirst()
                        .orElseThrow();
                AlarmEvent alarm = events.stream().filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).findFirst()
                        .orElseThrow();
                assertThat(warning.eventTime()).isBefore(alarm.eventTime());
                assertThat(Duration.between(alarm.eventTime(), warning.predictedCrossing()))
                        .as("%s %%LEL/s, seed %d: predicted crossing against the real one", ratePerSecond, seed)
                        .isBetween(Duration.ofSeconds(-10), Duration.ofSeconds(10));
                assertThat(warning.windowValue()).as("rate per minute")
                        .isCloseTo(ratePerSecond * 60, within(ratePerSecond * 60 * 0.3));
            }
        }
    }

    @Test
    void theHingeFindsWhereARiseBegan() {
        TrendDetector detector = new TrendDetector(SensorRule.of(gas));
        TrendState state = detector.initialState();
        Alarms out = new Alarms(Sensors.T0);
        for (int s = 0; s < 40; s++) {
            state = detector.onReading(state, Sensors.reading(gas, s < 30 ? 3 : 3 + 2.0 * (s - 30), s), out);
        }

        TrendDetector.Fit hinge = detector.hinge(state, Sensors.T0.plusSeconds(39).toEpochMilli());

        assertThat(hinge.slope()).isCloseTo(2.0, within(1e-9));
        assertThat(hinge.now()).isCloseTo(21.0, within(1e-9));
        assertThat(hinge.n()).isEqualTo(10);
    }

    @Test
    void aFlatNoisySignalGivesNoWarningInAnHour() {
        Random random = new Random(11);
        List<Double> values = new ArrayList<>();
        for (int s = 0; s < 3600; s++) {
            values.add(3 + random.nextGaussian());
        }

        assertThat(Sensors.run(new TrendDetector(SensorRule.of(gas)), gas, values)).isEmpty();
    }

    @Test
    void aFlatNoisySignalGivesNoWarningAtAnySamplingRate() {
        // the dust collector's temperature: 35 degC with 0.5 degC of noise, first level at 60 degC
        SensorSpec temperature = dustCollectorTemperature();
        for (long spacingMillis : new long[] {1, 10, 100, 1000}) {
            Random random = new Random(spacingMillis);
            int count = (int) Math.min(200_000, Duration.ofMinutes(15).toMillis() / spacingMillis);
            List<Reading> readings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                double second = i * spacingMillis / 1000.0;
                readings.add(Sensors.reading(temperature, 35 + random.nextGaussian() * 0.5, second));
            }

            assertThat(trendEvents(temperature, readings)).as("one reading every %d ms", spacingMillis).isEmpty();
        }
    }

    @Test
    void tenThousandNoisyReadingsAMillisecondApartGiveNoWarning() {
        Random random = new Random(3);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            readings.add(Sensors.reading(gas, 3 + random.nextGaussian() * 0.3, i / 1000.0));
        }

        assertThat(trendEvents(gas, readings)).isEmpty();
    }

    @Test
    void noiseGivesNoWarningWhileAFreshSensorsWindowFills() {
        for (int seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            List<Reading> readings = new ArrayList<>();
            for (int s = 0; s < 180; s++) {
                readings.add(Sensors.reading(gas, 3 + random.nextGaussian(), s));
            }

            assertThat(trendEvents(gas, readings)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void aLeakSampledAHundredTimesASecondIsWarnedAsEarlyAsOneSampledOnceASecond() {
        Random random = new Random(5);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 16_000; i++) {
            double s = i / 100.0;
            double base = s < 60 ? 3 : 3 + 0.5 * (s - 60);
            readings.add(Sensors.reading(gas, base + random.nextGaussian() * 0.3, s));
        }
        List<AlarmEvent> events = Sensors.runAll(SensorDetectors.of(gas), readings);

        AlarmEvent warning = events.stream().filter(e -> e.alarmType().equals(AlarmEvent.TREND)).findFirst().orElseThrow();
        AlarmEvent alarm = events.stream().filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).findFirst().orElseThrow();
        assertThat(Duration.between(warning.eventTime(), alarm.eventTime())).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(Duration.between(alarm.eventTime(), warning.predictedCrossing()))
                .isBetween(Duration.ofSeconds(-10), Duration.ofSeconds(10));
        assertThat(events).filteredOn(e -> e.alarmType().equals(AlarmEvent.TREND))
                .as("one warning for one leak, not one per noisy reading").hasSize(1);
    }

    @Test
    void aStateKeptByAnEarlierVersionStartsItsWindowAfresh() {
        TrendDetector detector = new TrendDetector(SensorRule.of(gas));
        TrendState state = new TrendState(); // restored without the slot arrays
        state.active = true;
        Alarms out = new Alarms(Sensors.T0);

        state = detector.onReading(state, Sensors.reading(gas, 3, 0), out);

        assertThat(state.size).isEqualTo(1);
        assertThat(state.active).as("cleared only by a judgement on a full enough window").isTrue();
    }

    @Test
    void theWarningClearsOnceTheValueStopsRising() {
        List<Double> values = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            values.add(3.0 + 0.5 * s);
        }
        for (int s = 0; s < 200; s++) {
            values.add(s % 2 == 0 ? 17.9 : 18.1);
        }

        List<AlarmEvent> events = Sensors.run(new TrendDetector(SensorRule.of(gas)), gas, values);

        assertThat(events).extracting(AlarmEvent::transition).containsExactly(AlarmTransition.RAISED, AlarmTransition.CLEARED);
        assertThat(events.get(1).episodeStart()).isEqualTo(events.get(0).episodeStart());
    }

    @Test
    void leastSquaresRecoversTheSlopeOfAStraightLine() {
        TrendDetector detector = new TrendDetector(SensorRule.of(gas));
        TrendState state = detector.initialState();
        Alarms out = new Alarms(Sensors.T0);
        for (int s = 0; s < 10; s++) {
            state = detector.onReading(state, Sensors.reading(gas, 1 + 2.0 * s, s), out);
        }

        TrendDetector.Fit fit = detector.fit(state, Sensors.T0.plusSeconds(9).toEpochMilli());

        assertThat(fit.slope()).isCloseTo(2.0, within(1e-9));
        assertThat(fit.now()).isCloseTo(19.0, within(1e-9));
        assertThat(fit.slopeError()).isCloseTo(0.0, within(1e-9));
    }

    private static List<AlarmEvent> trendEvents(SensorSpec spec, List<Reading> readings) {
        TrendDetector detector = new TrendDetector(SensorRule.of(spec));
        TrendState state = detector.initialState();
        List<AlarmEvent> events = new ArrayList<>();
        Alarms out = new Alarms(Sensors.T0);
        for (Reading reading : readings) {
            state = detector.onReading(state, reading, out.reset(reading.eventTime()));
            events.addAll(out.events());
        }
        return events;
    }

    private static SensorSpec dustCollectorTemperature() {
        return new SensorSpec(new SensorKey("jinhua-powder", "dust-collector-1", "temp-01"), "grid-1",
                SensorType.TEMPERATURE, Thresholds.high(60, 70), 1, null);
    }
}
