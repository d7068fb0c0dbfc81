package io.hazardwatch.alerts.danger;

/**
 * The hidden-danger register's settings ({@code dangers} in the alerting policy).
 *
 * @param targets the plans' targets the targets page counts against
 */
public record DangerSettings(Targets targets) {

    /**
     * @param year       the year counted; null = the current year (in the policy's time zone)
     * @param supervised how many major dangers are to be put under supervision (挂牌督办) this year
     * @param onTimeRate the share rectified by the deadline aimed at, in percent
     */
    public record Targets(Integer year, Integer supervised, Double onTimeRate) {
    }

    public static DangerSettings defaults() {
        return new DangerSettings(null).validated();
    }

    /** Missing values take their defaults (current year, 0 supervised, 100 %); a bad one fails naming the field. */
    public DangerSettings validated() {
        Targets t = targets == null ? new Targets(null, null, null) : targets;
        Targets filled = new Targets(t.year(), t.supervised() == null ? 0 : t.supervised(),
                t.onTimeRate() == null ? 100.0 : t.onTimeRate());
        if (filled.supervised() < 0) {
            throw new IllegalArgumentException("dangers.targets.supervised: must not be negative");
        }
        if (filled.onTimeRate() < 0 || filled.onTimeRate() > 100) {
            throw new IllegalArgumentException("dangers.targets.onTimeRate: a percentage, 0 to 100");
        }
        if (filled.year() != null && (filled.year() < 2000 || filled.year() > 2100)) {
            throw new IllegalArgumentException("dangers.targets.year: a year such as 2026");
        }
        return new DangerSettings(filled);
    }
}
