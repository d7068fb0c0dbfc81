package io.hazardwatch.alerts.danger;

import static io.hazardwatch.alerts.danger.Built.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same sensor in real alarm 3 times within 7 days (the policy's defaults). */
class RealAlarmPatternTest {

    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    final RealAlarmPattern pattern = new RealAlarmPattern(AlarmPatterns.defaults().realAlarms());

    @Test
    void threeRealReleasesOfOneSensorWithinSevenDaysMatchLinkingThemOldestFirst() {
        Incident a = incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(6)), Cause.REAL_RELEASE);
        Incident b = incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(3)), Cause.REAL_RELEASE);
        Incident c = incident("ent-a", "lel-1", NOW.minus(Duration.ofHours(1)), Cause.REAL_RELEASE);
        List<RealAlarmPattern.Match> matches = pattern.find(List.of(c, a, b), Set.of(), Set.of(), NOW);
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).sensor()).isEqualTo("ent-a/tank-1/lel-1");
        assertThat(matches.get(0).incidentIds()).containsExactly(a.id(), b.id(), c.id());
    }

    @Test
    void countsOnlyRealReleasesOfTheSameSensorInsideTheWindowOnceTheirFeedbackNamesTheCause() {
        List<Incident> incidents = List.of(
                incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(8)), Cause.REAL_RELEASE),
                incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(2)), Cause.REAL_RELEASE),
                incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(1)), Cause.FALSE_ALARM),
                incident("ent-a", "lel-1", NOW.minus(Duration.ofHours(5)), null),
                incident("ent-a", "lel-2", NOW.minus(Duration.ofHours(3)), Cause.REAL_RELEASE),
                incident("ent-b", "lel-1", NOW.minus(Duration.ofHours(2)), Cause.REAL_RELEASE),
                incident("ent-a", "lel-1", NOW.minus(Duration.ofHours(1)), Cause.REAL_RELEASE));
        assertThat(pattern.find(incidents, Set.of(), Set.of(), NOW)).isEmpty();
    }

    @Test
    void anOpenPatternDangerOfTheSensorOrIncidentsAlreadyLinkedMakeNoSecondMatch() {
        Incident a = incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(5)), Cause.REAL_RELEASE);
        Incident b = incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(4)), Cause.REAL_RELEASE);
        Incident c = incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(3)), Cause.REAL_RELEASE);
        Incident d = incident("ent-a", "lel-1", NOW.minus(Duration.ofDays(1)), Cause.REAL_RELEASE);
        assertThat(pattern.find(List.of(a, b, c, d), Set.of(), Set.of("ent-a/tank-1/lel-1"), NOW)).isEmpty();
        assertThat(pattern.find(List.of(a, b, c, d), Set.of(a.id(), b.id(), c.id()), Set.of(), NOW)).isEmpty();
    }
}
