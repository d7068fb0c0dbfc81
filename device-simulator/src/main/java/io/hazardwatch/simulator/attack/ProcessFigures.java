package io.hazardwatch.simulator.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A service's open file descriptors and resident memory, read from /proc (Linux) for a pid given on the command line.
 *
 * @param fds    open descriptors, -1 when not readable
 * @param rssMib resident set in MiB, -1 when not readable
 */
public record ProcessFigures(long fds, long rssMib) {

    static final ProcessFigures UNKNOWN = new ProcessFigures(-1, -1);

    static ProcessFigures of(long pid) {
        if (pid <= 0) {
            return UNKNOWN;
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        long fds;
        try (Stream<Path> list = Files.list(proc.resolve("fd"))) {
            fds = list.count();
        } catch (IOException | RuntimeException e) {
            fds = -1;
        }
        long rss = -1;
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            rss = -1;
        }
        return new ProcessFigures(fds, rss);
    }

    @Override
    public String toString() {
        return fds < 0 ? "-" : fds + " fd / " + rssMib + " MiB";
    }
}
