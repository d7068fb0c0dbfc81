package io.hazardwatch.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a failed cluster test prints about the layout's processes: from each log in the state directory, the last
 * lines that tell what the process was doing (role changes, warnings, errors, the balancer's server changes, Flink
 * task state changes). A CI run keeps only the test's output, not its state directory.
 */
final class ClusterLogs {

    private static final Pattern TELLING = Pattern.compile(
            " WARN | ERROR | role |is DOWN|is UP|switched from|not ready|refus|elected|stopped");
    private static final int LINE = 220;

    private ClusterLogs() {
    }

    /** The last {@code perLog} telling lines of every {@code *.log} directly in {@code state}, one block per log. */
    static String tail(Path state, int perLog) {
        StringBuilder out = new StringBuilder();
        List<Path> logs;
        try (Stream<Path> files = Files.list(state)) {
            logs = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            return "(no logs in " + state + ": " + e + ")";
        }
        for (Path log : logs) {
            List<String> telling = new ArrayList<>();
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                lines.filter(line -> TELLING.matcher(line).find()).forEach(line -> {
                    telling.add(line.length() > LINE ? line.substring(0, LINE) + "…" : line);
                    if (telling.size() > perLog) {
                        telling.remove(0);
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                telling.add("(unreadable: " + e + ")");
            }
            if (!telling.isEmpty()) {
                out.append("\n--- ").append(log.getFileName()).append('\n').append(String.join("\n", telling));
            }
        }
        return out.toString();
    }
}
