package io.hazardwatch.alerts.danger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The year's counts against the plans' targets (e.g. "50 挂牌督办 this year, 100 % rectified on time"), computed here
 * and only drawn by the board.
 *
 * @param opened          dangers reported this year
 * @param closed          dangers closed this year
 * @param major           MAJOR dangers reported this year
 * @param supervised      dangers put under supervision this year, per level
 * @param supervisedTotal all of them
 * @param onTime          accepted this year by their deadline
 * @param late            accepted this year after their deadline
 * @param overdueNow      past their deadline and not accepted yet (whenever reported)
 * @param onTimeRate      onTime / (onTime + late + overdueNow) in percent, one decimal; null when there is none yet
 * @param supervisedMet   whether supervisedTotal reached the target
 * @param onTimeRateMet   whether the rate reached the target (true when there is nothing to count yet)
 */
public record TargetReport(int year, DangerSettings.Targets targets, int opened, int closed, int major,
                           Map<SupervisionLevel, Integer> supervised, int supervisedTotal, int onTime, int late,
                           int overdueNow, Double onTimeRate, boolean supervisedMet, boolean onTimeRateMet) {

    /** Counts {@code dangers} (those the asking user may see) for the targets' year, or {@code now}'s year. */
    public static TargetReport of(Collection<HiddenDanger> dangers, DangerSettings.Targets targets, ZoneId zone,
                                  Instant now) {
        int year = targets.year() != null ? targets.year() : now.atZone(zone).getYear();
        int opened = 0;
        int closed = 0;
        int major = 0;
        int onTime = 0;
        int late = 0;
        int overdue = 0;
        Map<SupervisionLevel, Integer> supervised = new EnumMap<>(SupervisionLevel.class);
        for (SupervisionLevel level : SupervisionLevel.values()) {
            supervised.put(level, 0);
        }
        for (HiddenDanger d : dangers) {
            if (in(d.createdAt(), year, zone)) {
                opened++;
                major += d.severity() == Severity.MAJOR ? 1 : 0;
            }
            closed += in(d.closedAt(), year, zone) ? 1 : 0;
            if (d.supervision() != null && in(d.supervision().at(), year, zone)) {
                supervised.merge(d.supervision().level(), 1, Integer::sum);
            }
            if (in(d.acceptedAt(), year, zone)) {
                if (Boolean.TRUE.equals(d.acceptedOnTime())) {
                    onTime++;
                } else {
                    late++;
                }
            }
            overdue += d.overdueNow() ? 1 : 0;
        }
        int supervisedTotal = supervised.values().stream().mapToInt(Integer::intValue).sum();
        int counted = onTime + late + overdue;
        Double rate = counted == 0 ? null : Math.round(1000.0 * onTime / counted) / 10.0;
        return new TargetReport(year, targets, opened, closed, major, supervised, supervisedTotal, onTime, late,
                overdue, rate, supervisedTotal >= targets.supervised(),
                rate == null || rate >= targets.onTimeRate());
    }

    private static boolean in(Instant at, int year, ZoneId zone) {
        return at != null && at.atZone(zone).getYear() == year;
    }
}
