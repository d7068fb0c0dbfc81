package io.hazardwatch.simulator.attack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Hostile HTTP/1.1 requests, written as raw bytes from a seeded {@link Random} (the same seed, the same requests):
 * odd methods, traversal and encoded paths, auth headers good and bad, content types that do not fit the method
 * (multipart on GET), lying lengths and bodies from JSON to noise.
 */
final class HttpRequests {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "PROPFIND", "get", "GETT", "", "G\tET", "POST /");
    private static final List<String> GATEWAY_PATHS = List.of("/hazardwatch/v1/%e/%d/readings", "/health", "/ready",
            "/metrics", "/hazardwatch/v1/%e/%d", "/hazardwatch/v1/%v/%w/readings", "/");
    private static final List<String> ALERT_PATHS = List.of("/api/incidents", "/api/silences", "/api/me",
            "/api/alarms/active", "/api/incidents/x/acknowledge", "/api/incidents/x/close", "/api/incidents/x/attachments",
            "/api/duty/handovers", "/api/reports/daily", "/api/sensors/%e/%d/%s/history", "/ack/abc", "/health",
            "/openapi.yaml", "/index.html", "/api/deliveries", "/api/silences/x", "/api/incidents/export.csv", "/");
    private static final List<String> PATH_TRICKS = List.of("", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc%2fpasswd", "%00", "/%c0%ae%c0%ae/", "%252e%252e%252f", "//", "/./", "?a=%ff%fe",
            "?x=" + "A".repeat(9000), "/" + "a".repeat(300), ";jsessionid=1", "#frag", "/\u00e9\u4e2d", "/%", "?%%%",
            "?enterprise=%27%20OR%201%3D1--", "/%0d%0aSet-Cookie:%20x=1");
    private static final List<String> TYPES = List.of("application/json", "text/plain",
            "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "application/xml", "*/*",
            "application/json; charset=utf-7", "multipart/form-data", "garbage", "");

    private final AttackTarget target;

    HttpRequests(AttackTarget target) {
        this.target = target;
    }

    /** One request for the gateway ({@code gateway}) or the alert service. */
    byte[] next(Random random, boolean gateway, Forgeries forgeries) {
        String method = pick(random, METHODS);
        String path = fill(pick(random, gateway ? GATEWAY_PATHS : ALERT_PATHS)) + pick(random, PATH_TRICKS);
        byte[] body = body(random, forgeries);
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(random.nextInt(20) == 0 ? " HTTP/1.0" : " HTTP/1.1")
                .append("\r\nHost: ").append(random.nextInt(10) == 0 ? "evil.example" : target.host())
                .append("\r\nConnection: close\r\n");
        String auth = auth(random, gateway);
        if (auth != null) {
            head.append("Authorization: ").append(auth).append("\r\n");
        }
        String type = pick(random, TYPES);
        if (!type.isEmpty()) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        int length = random.nextInt(30);
        if (length < 5) {
            // no length: the body, if any, is read as the next request
        } else if (length == 5) {
            head.append("Content-Length: ").append(body.length + 1 + random.nextInt(50)).append("\r\n"); // waits
        } else if (length == 6) {
            head.append("Content-Length: -1\r\n");
        } else if (length < 10) {
            head.append("Transfer-Encoding: chunked\r\nContent-Length: ").append(body.length).append("\r\n");
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (random.nextInt(8) == 0) {
            head.append("X-Junk: ").append("\u00ff".repeat(random.nextInt(9000))).append("\r\n");
        }
        if (random.nextInt(8) == 0) {
            head.append("Origin: http://evil.example\r\nSec-Fetch-Site: cross-site\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String auth(Random random, boolean gateway) {
        AttackTarget.Login login = gateway ? target.gateway() : target.board();
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> "Basic " + base64(login.username() + ":" + login.password());
            case 2 -> "Bearer " + login.username() + ":" + login.password();
            case 3 -> "Basic !!!not-base64";
            case 4 -> "Basic " + base64(login.username() + ":wrong");
            case 5 -> "Bearer " + "x".repeat(random.nextInt(10_000));
            case 6 -> "Basic " + base64("\u0000:\u0000");
            case 7 -> "Negotiate abc";
            default -> "Basic " + base64(login.username());
        };
    }

    private byte[] body(Random random, Forgeries forgeries) {
        return switch (random.nextInt(8)) {
            case 0 -> new byte[0];
            case 1 -> forgeries.batch(List.of(target.victim().sensor(), target.own().sensor()));
            case 2 -> "{\"enterprise\":\"%s\",\"reason\":\"x\",\"minutes\":5}".formatted(target.victim().enterprise())
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
            case 4 -> "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n%s\r\n--xyz--\r\n"
                    .formatted("A".repeat(random.nextInt(60_000))).getBytes(StandardCharsets.UTF_8);
            case 5 -> "{\"sensor\":null,\"value\":\"NaN\",\"ts\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8);
            case 6 -> "0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }

    private String fill(String path) {
        return path.replace("%e", target.own().enterprise()).replace("%d", target.own().device())
                .replace("%s", target.own().sensor()).replace("%v", target.victim().enterprise())
                .replace("%w", target.victim().device());
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
