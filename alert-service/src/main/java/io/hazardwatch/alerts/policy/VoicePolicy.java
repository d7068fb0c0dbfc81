package io.hazardwatch.alerts.policy;

import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When an unacknowledged incident also rings people ({@code voice:} in the alerting policy): from {@code from} to
 * {@code to} (park time; {@code to <= from} runs past midnight, equal means all day), at level {@code minLevel} or
 * above, the people of the escalation step reached last who have a {@code phone} are called, and called again every
 * {@code retryEvery} until someone acknowledges, at most {@code maxCalls} times.
 */
public record VoicePolicy(LocalTime from, LocalTime to, AlarmLevel minLevel, Duration retryEvery, int maxCalls) {

    public static final int MAX_CALLS_LIMIT = 20;

    /** 22:00–07:00, level 2, every 2 minutes, 5 calls. */
    public static VoicePolicy defaults() {
        return new VoicePolicy(null, null, null, null, 0);
    }

    /** This policy with defaults filled in, checked; messages name the field under {@code voice.}. */
    VoicePolicy validated() {
        Duration every = retryEvery == null ? Duration.ofMinutes(2) : retryEvery;
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("voice.retryEvery: must be positive");
        }
        int calls = maxCalls == 0 ? 5 : maxCalls;
        if (calls < 1 || calls > MAX_CALLS_LIMIT) {
            throw new IllegalArgumentException("voice.maxCalls: must be 1 to " + MAX_CALLS_LIMIT);
        }
        if (minLevel == AlarmLevel.NONE) {
            throw new IllegalArgumentException("voice.minLevel: FIRST or SECOND");
        }
        return new VoicePolicy(from == null ? LocalTime.of(22, 0) : from, to == null ? LocalTime.of(7, 0) : to,
                minLevel == null ? AlarmLevel.SECOND : minLevel, every, calls);
    }

    /** Whether {@code at} falls in the calling hours, in the park's time zone. */
    public boolean covers(Instant at, ZoneId zone) {
        LocalTime t = at.atZone(zone).toLocalTime();
        if (from.equals(to)) {
            return true;
        }
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }
}
