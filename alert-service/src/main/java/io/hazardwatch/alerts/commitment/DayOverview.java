package io.hazardwatch.alerts.commitment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The commitments of one day for the enterprises a user may see, as the server judged them.
 *
 * @param today       whether {@code date} is the park's current day (only today's may be made or corrected)
 * @param deadline    when the day's commitments were (are) due
 * @param deadlineTime the same as the park's local time of day, e.g. {@code 09:00}
 * @param zone        the park's time zone the day and deadline are read in
 * @param counts      how many enterprises are in each status
 */
public record DayOverview(LocalDate date, boolean today, Instant deadline, String deadlineTime, String zone,
                          Map<CommitmentStatus, Long> counts, List<DayEntry> enterprises) {
}
