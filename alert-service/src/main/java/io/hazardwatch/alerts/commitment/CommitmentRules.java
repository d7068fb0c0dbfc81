package io.hazardwatch.alerts.commitment;

import io.hazardwatch.alerts.config.CommitmentConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the daily safety commitment, in the park's time zone: which day it is, when the day's commitment is
 * due, what a valid one declares, and where each enterprise stands. Pure: time comes in as an argument.
 */
public final class CommitmentRules {

    /** The one unit an enterprise without declared major-hazard units commits for. */
    public static final String WHOLE_SITE = "whole-site";
    static final int PERSON_MAX = 64;
    static final int NOTE_MAX = 500;
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{5,32}");

    private final CommitmentConfig config;
    private final ZoneId zone;
    private final Map<String, Site> sites = new LinkedHashMap<>();

    public CommitmentRules(CommitmentConfig config, ZoneId zone, Collection<Site> sites) {
        this.config = config;
        this.zone = zone;
        sites.forEach(s -> this.sites.put(s.enterprise(), s));
    }

    /** The site of an enterprise, its units and whether it must commit ({@code config} decides, from the registry). */
    public static Site site(CommitmentConfig config, String enterprise, String name, String gridCell,
                            List<String> hazardUnits) {
        boolean declared = hazardUnits != null && !hazardUnits.isEmpty();
        return new Site(enterprise, name, gridCell, declared ? hazardUnits : List.of(WHOLE_SITE),
                config.requiredOf(enterprise, declared));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The park's local day at {@code now}. */
    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    /** When the commitment of {@code date} is due. */
    public Instant deadline(LocalDate date) {
        return date.atTime(config.deadline()).atZone(zone).toInstant();
    }

    public Collection<Site> sites() {
        return sites.values();
    }

    public Optional<Site> site(String enterprise) {
        return Optional.ofNullable(sites.get(enterprise));
    }

    /** Where {@code site} stands for {@code date} at {@code now}, given its commitment (null: none made). */
    public CommitmentStatus status(Site site, LocalDate date, SafetyCommitment commitment, Instant now) {
        if (commitment != null) {
            return commitment.late() ? CommitmentStatus.LATE : CommitmentStatus.SUBMITTED;
        }
        if (!site.required()) {
            return CommitmentStatus.NOT_REQUIRED;
        }
        return now.isBefore(deadline(date)) ? CommitmentStatus.DUE : CommitmentStatus.MISSING;
    }

    /**
     * The commitment {@code who} makes for {@code site} on {@code date} from {@code form}, or the correction of
     * {@code existing}; fails with an {@link IllegalArgumentException} naming the field a bad form gets wrong.
     */
    public SafetyCommitment make(Site site, LocalDate date, CommitmentForm form, SafetyCommitment existing,
                                 String who, Instant now) {
        if (!date.equals(today(now))) {
            throw new IllegalArgumentException("date: only today's commitment (" + today(now)
                    + ", " + zone + ") may be made or corrected, not " + date);
        }
        String person = text(form.person(), "person", PERSON_MAX, true);
        String phone = form.phone() == null ? "" : form.phone().trim();
        if (!PHONE.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone: required, 5 to 32 digits, spaces, + - ( )");
        }
        List<UnitDeclaration> units = units(site, form.units());
        String note = text(form.note(), "note", NOTE_MAX, false);
        if (existing == null) {
            boolean late = !now.isBefore(deadline(date));
            return new SafetyCommitment(SafetyCommitment.idOf(site.enterprise(), date), site.enterprise(), date, person,
                    phone, units, note, who, now, now, late, List.of())
                    .recording(new SafetyCommitment.Change(who, now, late ? "made late" : "made"));
        }
        return new SafetyCommitment(existing.id(), existing.enterprise(), date, person, phone, units, note, who, now,
                existing.firstSubmittedAt(), existing.late(), existing.history())
                .recording(new SafetyCommitment.Change(who, now, "corrected"));
    }

    /** One declaration per unit of the site, each with a state, in the site's order. */
    private static List<UnitDeclaration> units(Site site, List<UnitDeclaration> given) {
        if (given == null) {
            throw new IllegalArgumentException("units: required, one per unit: " + site.units());
        }
        Map<String, UnitDeclaration> byUnit = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            UnitDeclaration unit = given.get(i);
            String path = "units[" + i + "]";
            if (unit == null || unit.unit() == null || !site.units().contains(unit.unit())) {
                throw new IllegalArgumentException(path + ".unit: must be one of " + site.units());
            }
            if (byUnit.containsKey(unit.unit())) {
                throw new IllegalArgumentException(path + ".unit: '" + unit.unit() + "' is declared twice");
            }
            if (unit.state() == null) {
                throw new IllegalArgumentException(path + ".state: required, one of RUNNING, STOPPED, MAINTENANCE");
            }
            Set<SpecialWork> work = new HashSet<>(unit.specialWork());
            if (work.contains(null) || work.size() != unit.specialWork().size()) {
                throw new IllegalArgumentException(path + ".specialWork: each special operation at most once");
            }
            byUnit.put(unit.unit(), new UnitDeclaration(unit.unit(), unit.state(), unit.specialWork(),
                    text(unit.note(), path + ".note", NOTE_MAX, false)));
        }
        List<UnitDeclaration> ordered = new ArrayList<>();
        for (String unit : site.units()) {
            UnitDeclaration declared = byUnit.get(unit);
            if (declared == null) {
                throw new IllegalArgumentException("units: '" + unit + "' is not declared (one per unit: "
                        + site.units() + ")");
            }
            ordered.add(declared);
        }
        return ordered;
    }

    private static String text(String value, String field, int max, boolean required) {
        String trimmed = value == null ? "" : value.trim();
        if (required && trimmed.isEmpty()) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (trimmed.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}
