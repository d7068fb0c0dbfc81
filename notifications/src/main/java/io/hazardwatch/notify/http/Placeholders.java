package io.hazardwatch.notify.http;

import io.hazardwatch.notify.Notification;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${name}} placeholders from a notification. Each value passes through an escaper chosen by
 * where the template goes (JSON string content for bodies, URL encoding for URLs), so a message text can
 * never break the request's structure.
 */
public final class Placeholders {

    /** The names a template may use. */
    public static final Set<String> NAMES;

    /**
     * The SMS template's variables (issue 21): the alert service fills them from the registry and clips each to the
     * providers' limit (docs: notifications/README.md, "SMS templates"); empty when a message has none.
     */
    public static final Set<String> VARS = Set.of("levelName", "enterprise", "sensor", "value", "line", "place",
            "time", "token");

    static {
        Set<String> names = new java.util.HashSet<>(Set.of("id", "incidentKey", "level", "subject", "body",
                "recipient.name", "recipient.channel", "recipient.address", "link"));
        names.addAll(VARS);
        NAMES = Set.copyOf(names);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z.]+)}");

    private Placeholders() {
    }

    /** Throws IllegalArgumentException naming the first unknown placeholder. */
    public static void check(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "}; known: "
                        + NAMES.stream().sorted().toList());
            }
        }
    }

    public static String fill(String template, Notification n, UnaryOperator<String> escape) {
        Map<String, String> values = values(n);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes for the inside of a JSON string literal (the template supplies the quotes). */
    public static String jsonString(String value) {
        String quoted = io.vertx.core.json.Json.encode(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static Map<String, String> values(Notification n) {
        Map<String, String> values = new java.util.HashMap<>();
        VARS.forEach(name -> values.put(name, nullToEmpty(n.vars().get(name))));
        values.put("link", n.link() == null ? "" : nullToEmpty(n.link().url()));
        values.putAll(Map.of(
                "id", nullToEmpty(n.id()),
                "incidentKey", nullToEmpty(n.incidentKey()),
                "level", n.level() == null ? "" : n.level().name(),
                "subject", nullToEmpty(n.subject()),
                "body", nullToEmpty(n.body()),
                "recipient.name", n.recipient() == null ? "" : nullToEmpty(n.recipient().name()),
                "recipient.channel", n.recipient() == null ? "" : nullToEmpty(n.recipient().channel()),
                "recipient.address", n.recipient() == null ? "" : nullToEmpty(n.recipient().address())));
        return values;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
