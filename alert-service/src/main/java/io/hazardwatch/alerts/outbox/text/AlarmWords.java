package io.hazardwatch.alerts.outbox.text;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One alarm in a person's words: its level, what and where (the registry's names), the value and the line it crossed,
 * the time in the park's time zone. A sensor has no name in the registry: its device's name and its type name it,
 * followed by its tag for the people in the field. Casework and system incidents say what the case or the outage is.
 */
public final class AlarmWords {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '(UTC'xxx')'");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ActiveAlarm a;
    private final Names names;
    private final Language lang;
    private final ZoneId zone;

    public AlarmWords(ActiveAlarm alarm, Names names, Language language, ZoneId zone) {
        this.a = alarm;
        this.names = names;
        this.lang = language;
        this.zone = zone;
    }

    public String say(String key, String... vars) {
        return Phrases.of(lang, key, vars);
    }

    /** "二级报警" / "Level-2 ALARM". */
    public String level() {
        return say("level." + a.level().name());
    }

    /** "【二级报警】" / "[Level-2 ALARM] ". */
    public String tag() {
        return say("tag", "x", level());
    }

    public String enterprise() {
        return SystemAlarms.isPlatform(a.enterprise()) ? "HazardWatch" : names.enterprise(a.enterprise());
    }

    /** What raised it: "储罐区A 氨气 nh3-01", the case ("隐患逾期未整改 danger-…") or the outage. */
    public String sensor() {
        if (CaseAlarms.isCasework(a)) {
            return say("case." + a.alarmType()) + " " + a.sensor();
        }
        if (SystemAlarms.isSystem(a)) {
            return say("system") + say("colon") + (SystemAlarms.SILENT.equals(a.sensor()) ? say("silent") : a.sensor());
        }
        String type = a.sensorType() == null ? "" : say("sensorType." + a.sensorType().name()) + " ";
        String what = (type + a.sensor()).strip(); // empty for a device's own alarm (OFFLINE of the whole device)
        return names.device(a.enterprise(), a.device()) + (what.isEmpty() ? "" : " " + what);
    }

    /** The subject's short form: enterprise and what. */
    public String headline() {
        return tag() + enterprise() + say("sep") + (isSensor() ? names.device(a.enterprise(), a.device())
                + (a.sensorType() == null ? "" : " " + say("sensorType." + a.sensorType().name())) : sensor());
    }

    public boolean isSensor() {
        return !CaseAlarms.isCasework(a) && !SystemAlarms.isSystem(a);
    }

    /** "43 ppm" (sensor alarms only; empty otherwise). */
    public String value() {
        return isSensor() ? number(a.value()) + unit() : "";
    }

    /**
     * "超过二级报警值 40 ppm" / "above the level-2 line 40 ppm", after the alarm type's name unless it is a plain
     * threshold alarm; a fault without a line: its name; casework and system incidents: since when.
     */
    public String line() {
        if (!isSensor()) {
            return say("since", "t", shortTime());
        }
        if (a.threshold() == null || !Double.isFinite(a.threshold())) {
            return say("alarmType." + a.alarmType()); // offline, stuck, ...: no line was crossed
        }
        if (AlarmEvent.OFFLINE.equals(a.alarmType())) {
            // a silent device: its value is how long it has been silent, its threshold the silence allowed — no
            // warning line was crossed ("超过一级预警值 60 s" read as if it had been)
            return say("offlineFor", "limit", number(a.threshold()) + unit());
        }
        String direction = a.value() < a.threshold() ? "below" : "above";
        String prefix = AlarmEvent.THRESHOLD.equals(a.alarmType()) ? "" : say("alarmType." + a.alarmType()) + say("comma");
        return prefix + say(direction) + (lang == Language.EN ? " " : "") + say("line." + a.level().name()) + " "
                + number(a.threshold()) + unit();
    }

    /** The full line of the body: "恒达精细化工 储罐区A 氨气 nh3-01：43 ppm，超过二级报警值 40 ppm". */
    public String statement() {
        String what = enterprise() + say("sep") + sensor();
        return isSensor() ? what + say("colon") + value() + say("comma") + line() : what + say("comma") + line();
    }

    /** The major-hazard unit (if the device names one) and the grid cell's name; empty if neither is known. */
    public String place() {
        String unit = isSensor() ? names.unit(a.enterprise(), a.device()) : null;
        String cell = names.gridCell(a.gridCell());
        if (unit == null) {
            return cell == null ? "" : cell;
        }
        return cell == null ? unit : unit + say("comma") + cell;
    }

    /** When the episode began, in the park's time zone: "2026-12-06 16:00:05 (UTC+08:00)". */
    public String time() {
        return format(a.raisedAt(), FULL);
    }

    public String shortTime() {
        return format(a.raisedAt(), SHORT);
    }

    private String format(Instant instant, DateTimeFormatter f) {
        return f.format(instant.atZone(zone));
    }

    public String fullTime(Instant instant) {
        return format(instant, FULL);
    }

    private String unit() {
        if (a.unit() == null || a.unit().isBlank()) {
            return "";
        }
        return " " + (a.unit().equals("degC") ? "°C" : a.unit());
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
