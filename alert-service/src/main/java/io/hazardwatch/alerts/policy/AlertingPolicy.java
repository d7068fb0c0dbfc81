package io.hazardwatch.alerts.policy;

import io.hazardwatch.alerts.danger.AlarmPatterns;
import io.hazardwatch.alerts.danger.DangerSettings;
import io.hazardwatch.alerts.inspection.FalseAlarmPattern;
import io.hazardwatch.alerts.inspection.InspectionRules;
import io.hazardwatch.alerts.grading.GradingPolicy;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.YamlFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The duty room's alerting policy, read from one YAML file ({@code deploy/config/alerting.yaml}): who is on
 * call when, how an unacknowledged incident escalates along the grid, how failed messages are retried,
 * how storms are grouped, and how an enterprise's grade is scored ({@code grading:}). Parsed and validated once at start;
 * a bad value stops startup naming the field.
 */
public record AlertingPolicy(ZoneId timezone, EscalationPolicy escalation, RetryPolicy retry, Duration stormWindow,
                             List<Person> people, List<RotaEntry> rotas, GradingPolicy grading,
                             InspectionRules inspections, Patterns patterns, DangerSettings dangers,
                             FeedbackPolicy feedback, Map<String, List<Person>> enterpriseContacts,
                             VoicePolicy voice) {

    /**
     * Alarm patterns that open casework ({@code patterns:}): real releases of one sensor ⇒ a hidden danger
     * ({@code realAlarms}), false alarms of one sensor ⇒ a calibration task ({@code falseAlarms}).
     */
    public record Patterns(AlarmPatterns.RealAlarms realAlarms, FalseAlarmPattern falseAlarms) {

        /** The hidden-danger register's share. */
        public AlarmPatterns dangers() {
            return new AlarmPatterns(realAlarms);
        }

        static Patterns validated(Patterns p) {
            return new Patterns(new AlarmPatterns(p == null ? null : p.realAlarms()).validated().realAlarms(),
                    p == null || p.falseAlarms() == null ? FalseAlarmPattern.defaults() : p.falseAlarms().validated());
        }
    }

    /**
     * Someone who can be notified. {@code channel} names a notifier (sms, wecom, dingtalk, feishu, push, ...);
     * {@code phone} (E.164, optional) is called at night ({@link VoicePolicy}); {@code language} the messages'
     * language, {@code zh} (default) or {@code en}.
     */
    public record Person(String id, String name, String channel, String address, String phone, String language) {

        public Person(String id, String name, String channel, String address) {
            this(id, name, channel, address, null, null);
        }

        public Person(String id, String name, String channel, String address, String phone) {
            this(id, name, channel, address, phone, null);
        }

        /** The messages' language (checked at load: zh or en). */
        public io.hazardwatch.alerts.outbox.text.Language messageLanguage() {
            return io.hazardwatch.alerts.outbox.text.Language.of(language);
        }

        static void checkLanguage(Person p, String path) {
            try {
                p.messageLanguage();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".language: " + e.getMessage());
            }
        }
    }

    /**
     * Who covers {@code role} for the grid cells {@code cells} ("*" = every cell) during the shifts.
     */
    public record RotaEntry(GridRole role, List<String> cells, List<Shift> shifts) {
    }

    /** One person on duty from {@code from} to {@code to} (local time; to &lt;= from runs past midnight). */
    public record Shift(String person, java.time.LocalTime from, java.time.LocalTime to, List<java.time.DayOfWeek> days) {
    }

    /** Retries with exponential back-off: first after {@code first}, doubling up to {@code max}, at most {@code attempts}. */
    public record RetryPolicy(Duration first, Duration max, int attempts) {
        public Duration delayAfter(int attemptsSoFar) {
            long factor = 1L << Math.min(20, Math.max(0, attemptsSoFar - 1));
            Duration delay = first.multipliedBy(factor);
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }

    private record File(String timezone, EscalationPolicy escalation, RetryPolicy retry, Duration stormWindow,
                        List<Person> people, List<RotaEntry> rotas, GradingPolicy grading,
                        InspectionRules inspections, Patterns patterns, DangerSettings dangers,
                        FeedbackPolicy feedback, Map<String, List<Person>> enterpriseContacts, Object risk,
                        VoicePolicy voice) {
    }

    /** Reads and validates the policy file; {@code key} is the config key that named it, for the message. */
    public static AlertingPolicy load(Path path, String key) {
        File file = YamlFiles.read(path, File.class, key);
        try {
            if (file.risk() != null) {
                // the active-alarm counting rules are gone (issue 20): say so rather than silently ignore them
                throw new IllegalArgumentException("risk: no longer read; the colour and the warning/alarm lines now "
                        + "follow the enterprise's grade: configure grading.colours, grading.warningLine and "
                        + "grading.alarmLine instead (docs/reference.md)");
            }
            return of(file.timezone(), file.escalation(), file.retry(), file.stormWindow(), file.people(), file.rotas(),
                    file.grading(), file.inspections(), file.patterns(), file.dangers(), file.feedback(),
                    file.enterpriseContacts(), file.voice());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + path + ": " + e.getMessage());
        }
    }

    /** Validates a policy given in code (tests) and fills in defaults. */
    public static AlertingPolicy of(String timezone, EscalationPolicy escalation, RetryPolicy retry, Duration stormWindow,
                                    List<Person> people, List<RotaEntry> rotas, GradingPolicy grading) {
        return of(timezone, escalation, retry, stormWindow, people, rotas, grading, null, null, null, null, null);
    }

    /**
     * As above, with the inspection schedule, the casework patterns, the hidden-danger targets, the enterprises'
     * answer deadlines by level ({@code feedback}) and who is asked for each enterprise's answer
     * ({@code enterpriseContacts}: enterprise id → people); null: the defaults (no enterprise contacts).
     */
    public static AlertingPolicy of(String timezone, EscalationPolicy escalation, RetryPolicy retry, Duration stormWindow,
                                    List<Person> people, List<RotaEntry> rotas, GradingPolicy grading,
                                    InspectionRules inspections, Patterns patterns, DangerSettings dangers,
                                    FeedbackPolicy feedback, Map<String, List<Person>> enterpriseContacts) {
        return of(timezone, escalation, retry, stormWindow, people, rotas, grading, inspections, patterns, dangers,
                feedback, enterpriseContacts, null);
    }

    /** As above, with the night calls ({@code voice}; null: {@link VoicePolicy#defaults()}). */
    public static AlertingPolicy of(String timezone, EscalationPolicy escalation, RetryPolicy retry, Duration stormWindow,
                                    List<Person> people, List<RotaEntry> rotas, GradingPolicy grading,
                                    InspectionRules inspections, Patterns patterns, DangerSettings dangers,
                                    FeedbackPolicy feedback, Map<String, List<Person>> enterpriseContacts,
                                    VoicePolicy voice) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null ? "Asia/Shanghai" : timezone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timezone: '" + timezone + "' is not a time zone");
        }
        if (escalation == null) {
            throw new IllegalArgumentException("escalation: required");
        }
        escalation.validate();
        RetryPolicy r = retry == null ? new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 8) : retry;
        if (r.first() == null || r.max() == null || r.first().isNegative() || r.first().isZero() || r.attempts() < 1) {
            throw new IllegalArgumentException("retry: first and max must be positive durations, attempts at least 1");
        }
        Duration storm = stormWindow == null ? Duration.ofMinutes(1) : stormWindow;
        if (storm.isNegative()) {
            throw new IllegalArgumentException("stormWindow: must not be negative");
        }
        List<Person> ps = people == null ? List.of() : List.copyOf(people);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < ps.size(); i++) {
            Person p = ps.get(i);
            if (p.id() == null || p.channel() == null || p.address() == null) {
                throw new IllegalArgumentException("people[" + i + "]: id, channel and address are required");
            }
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("people[" + i + "].id: '" + p.id() + "' is used twice");
            }
            Person.checkLanguage(p, "people[" + i + "]");
            if (p.phone() != null && !p.phone().matches("\\+[1-9]\\d{6,14}")) {
                throw new IllegalArgumentException("people[" + i + "].phone: '" + p.phone()
                        + "' is not an E.164 number (+ country code and number, e.g. +8613800000001)");
            }
        }
        List<RotaEntry> rs = rotas == null ? List.of() : List.copyOf(rotas);
        for (int i = 0; i < rs.size(); i++) {
            RotaEntry rota = rs.get(i);
            if (rota.role() == null || rota.role() == GridRole.DISPATCH || rota.cells() == null || rota.shifts() == null) {
                throw new IllegalArgumentException("rotas[" + i + "]: role (GRID_MEMBER, GRID_LEADER, SQUAD), cells and shifts are required");
            }
            for (int s = 0; s < rota.shifts().size(); s++) {
                Shift shift = rota.shifts().get(s);
                if (shift.from() == null || shift.to() == null || !ids.contains(shift.person())) {
                    throw new IllegalArgumentException("rotas[" + i + "].shifts[" + s
                            + "]: needs from, to and a person listed under people (got '" + shift.person() + "')");
                }
            }
        }
        return new AlertingPolicy(zone, escalation, r, storm, ps, rs, grading == null ? GradingPolicy.defaults() : grading.validated(),
                inspections == null ? InspectionRules.defaults() : inspections.validated(),
                Patterns.validated(patterns), dangers == null ? DangerSettings.defaults() : dangers.validated(),
                (feedback == null ? FeedbackPolicy.defaults() : feedback).validated(), contacts(enterpriseContacts),
                (voice == null ? VoicePolicy.defaults() : voice).validated());
    }

    /** Each enterprise's contacts, checked like {@code people}. */
    private static Map<String, List<Person>> contacts(Map<String, List<Person>> byEnterprise) {
        Map<String, List<Person>> all = new java.util.TreeMap<>();
        if (byEnterprise == null) {
            return Map.of();
        }
        byEnterprise.forEach((enterprise, list) -> {
            List<Person> contacts = list == null ? List.of() : List.copyOf(list);
            for (int i = 0; i < contacts.size(); i++) {
                Person p = contacts.get(i);
                if (p == null || p.id() == null || p.channel() == null || p.address() == null) {
                    throw new IllegalArgumentException("enterpriseContacts." + enterprise + "[" + i
                            + "]: id, channel and address are required");
                }
                Person.checkLanguage(p, "enterpriseContacts." + enterprise + "[" + i + "]");
            }
            all.put(enterprise, contacts);
        });
        return Map.copyOf(all);
    }
}
