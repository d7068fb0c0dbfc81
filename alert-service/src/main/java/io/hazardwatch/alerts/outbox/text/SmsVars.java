package io.hazardwatch.alerts.outbox.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of the SMS templates (notifications/README.md, "SMS templates"), each clipped to
 * {@value #MAX_CHARS} characters: Aliyun refuses a notification template's variable above 35 characters, and the
 * same limit fits Tencent Cloud's. A clipped value ends in "…".
 */
public final class SmsVars {

    /** The longest value of one variable, in characters (Unicode code points). */
    public static final int MAX_CHARS = 35;

    private SmsVars() {
    }

    /** The template's variables of one alarm message; the token is the acknowledge link's (empty: none). */
    public static Map<String, String> of(AlarmWords w, String token) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("levelName", clip(w.level()));
        vars.put("enterprise", clip(w.enterprise()));
        vars.put("sensor", clip(w.sensor()));
        vars.put("value", clip(w.value().isEmpty() ? "-" : w.value()));
        vars.put("line", clip(w.line()));
        vars.put("place", clip(w.place().isEmpty() ? "-" : w.place()));
        vars.put("time", clip(w.shortTime()));
        vars.put("token", token == null ? "" : token);
        return vars;
    }

    /** At most {@link #MAX_CHARS} characters, the last one "…" when cut; never splits a surrogate pair. */
    public static String clip(String value) {
        if (value.codePointCount(0, value.length()) <= MAX_CHARS) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_CHARS - 1)) + "…";
    }
}
