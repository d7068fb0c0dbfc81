package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Notification;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/** How an alarm reads in a group chat, cut to the platform's size limit (counted in UTF-8 bytes). */
final class RobotText {

    private RobotText() {
    }

    static String title(Notification n) {
        return n.subject() == null || n.subject().isBlank() ? "HazardWatch alarm" : n.subject();
    }

    static String markdown(Notification n, int maxBytes) {
        return cut("### " + title(n) + "\n" + nullToEmpty(n.body()) + footer(n, "\n> "), maxBytes);
    }

    static String plain(Notification n, int maxBytes) {
        return cut(title(n) + "\n" + nullToEmpty(n.body()) + footer(n, "\n"), maxBytes);
    }

    static String body(Notification n, int maxBytes) {
        return cut(nullToEmpty(n.body()) + footer(n, "\n"), maxBytes);
    }

    private static String footer(Notification n, String prefix) {
        if (!n.vars().isEmpty()) {
            return ""; // a readable message (issue 21) names its place and time itself: no ids at the end
        }
        return prefix + "level " + (n.level() == null ? "-" : n.level().name()) + " · incident " + n.incidentKey();
    }

    /** Cuts on a character boundary so that the UTF-8 form fits in {@code maxBytes}. */
    static String cut(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        ByteBuffer out = ByteBuffer.allocate(maxBytes - 3); // room for the ellipsis
        CharBuffer in = CharBuffer.wrap(text);
        encoder.encode(in, out, true);
        return text.substring(0, in.position()) + "…";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
