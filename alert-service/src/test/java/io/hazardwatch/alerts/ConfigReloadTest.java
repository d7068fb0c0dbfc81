package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.auth.Users;
import io.hazardwatch.alerts.config.LiveFiles;
import io.hazardwatch.alerts.duty.Roster;
import io.hazardwatch.alerts.duty.RosterFile;
import io.hazardwatch.alerts.duty.RosterTestFiles;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.PolicyReload;
import io.hazardwatch.model.config.WatchedFile;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting policy, the duty roster and the users file reloaded without a restart: a valid change is swapped in
 * and handed on, an invalid one is refused and the last good version stays (shown by {@link LiveFiles#versions()}).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigReloadTest {

    private static final Duration EVERY = Duration.ofMillis(50);

    @Test
    void aChangedPolicyIsHandedOnAndAnInvalidOrRestartOnlyChangeIsRefused(Vertx vertx, @TempDir Path dir)
            throws Exception {
        Path file = TestFiles.write(dir.resolve("alerting.yaml"), TestFiles.policy(60_000, 120_000, 60_000, 0));
        AlertingPolicy running = AlertingPolicy.load(file, "alert.policy.file");
        AtomicReference<AlertingPolicy> applied = new AtomicReference<>();
        LiveFiles files = new LiveFiles(vertx);
        WatchedFile<AlertingPolicy> policy = files.watch("alert.policy.file",
                new WatchedFile<>(file, p -> PolicyReload.load(p, "alert.policy.file", running), running), applied::set);
        String first = policy.loaded().version();
        long timer = files.start(EVERY);

        // WHEN the storm window changes THEN the new policy is handed on
        TestFiles.write(file, TestFiles.policy(60_000, 120_000, 60_000, 30_000));
        Await.until(applied::get, () -> "not reloaded");
        assertThat(applied.get().stormWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.get().stormWindow()).isEqualTo(Duration.ofSeconds(30));
        String second = policy.loaded().version();
        assertThat(second).isNotEqualTo(first);

        // WHEN the file loses its escalation, or changes the park's time zone THEN it is refused, the last one stays
        applied.set(null);
        TestFiles.write(file, "timezone: Asia/Shanghai\n");
        Await.until(() -> refused(files, "alert.policy.file"), () -> files.versions().toString());
        java.time.Instant firstRefusal = files.versions().get(0).refusedAt();
        TestFiles.write(file, TestFiles.policy(60_000, 120_000, 60_000, 30_000).replace("Asia/Shanghai", "Asia/Tokyo"));
        Await.until(() -> files.versions().get(0).refusedAt().isAfter(firstRefusal) ? true : null,
                () -> files.versions().toString());
        assertThat(applied.get()).isNull();
        assertThat(policy.get().stormWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.get().timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(files.versions()).singleElement().satisfies(v -> assertThat(v.version()).isEqualTo(second));
        vertx.cancelTimer(timer);
    }

    @Test
    void aChangedRosterIsSwappedInAndAnInvalidOneRefused(Vertx vertx, @TempDir Path dir) throws Exception {
        ZoneId park = ZoneId.of("Asia/Shanghai");
        Path file = TestFiles.write(dir.resolve("roster.yaml"), RosterTestFiles.ROSTER);
        LiveFiles files = new LiveFiles(vertx);
        WatchedFile<Roster> roster = files.watch("alert.roster.file",
                new WatchedFile<>(file, p -> RosterFile.load(p, "alert.roster.file", park)), r -> { });
        long timer = files.start(EVERY);
        assertThat(officerOnMondayDay(roster.get())).isEqualTo("alice");

        TestFiles.write(file, RosterTestFiles.ROSTER.replace("officer: alice", "officer: dave"));
        Await.until(() -> "dave".equals(officerOnMondayDay(roster.get())) ? true : null, () -> "not reloaded");

        TestFiles.write(file, RosterTestFiles.ROSTER.replace("shift: day, officer: alice", "shift: noon, officer: x"));
        Await.until(() -> refused(files, "alert.roster.file"), () -> files.versions().toString());
        assertThat(officerOnMondayDay(roster.get())).isEqualTo("dave");
        vertx.cancelTimer(timer);
    }

    @Test
    void aChangedUsersFileIsHandedOnAndAnInvalidOneRefused(Vertx vertx, @TempDir Path dir) throws Exception {
        Path file = TestFiles.write(dir.resolve("users.yaml"), TestFiles.USERS);
        AtomicReference<Users> applied = new AtomicReference<>();
        LiveFiles files = new LiveFiles(vertx);
        WatchedFile<Users> users = files.watch("alert.users.file",
                new WatchedFile<>(file, p -> Users.load(p, "alert.users.file")), applied::set);
        long timer = files.start(EVERY);
        assertThat(users.get().stored("grid2")).isPresent();

        TestFiles.write(file, TestFiles.USERS.lines().filter(l -> !l.contains("grid2")).reduce("", (a, l) -> a + l + "\n"));
        Await.until(applied::get, () -> "not reloaded");
        assertThat(applied.get().stored("grid2")).isEmpty();
        assertThat(applied.get().stored("duty")).isPresent();

        TestFiles.write(file, TestFiles.USERS.replace("role: GRID_STAFF, gridCells: [grid-1], ", "role: GRID_STAFF, "));
        Await.until(() -> refused(files, "alert.users.file"), () -> files.versions().toString());
        assertThat(users.get().stored("grid2")).isEmpty();
        assertThat(users.get().stored("grid1")).isPresent();
        vertx.cancelTimer(timer);
    }

    private static Boolean refused(LiveFiles files, String key) {
        return files.versions().stream().anyMatch(v -> v.key().equals(key) && v.refusedAt() != null) ? true : null;
    }

    private static String officerOnMondayDay(Roster roster) {
        return roster.day(java.time.LocalDate.of(2026, 12, 7), List.of()).get(0).officer();
    }
}
