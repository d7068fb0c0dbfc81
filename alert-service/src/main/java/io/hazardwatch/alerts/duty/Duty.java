package io.hazardwatch.alerts.duty;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.ProductionUsers;
import io.hazardwatch.alerts.auth.Users;
import io.hazardwatch.alerts.commitment.CommitmentBook;
import io.hazardwatch.alerts.commitment.CommitmentStatus;
import io.hazardwatch.alerts.commitment.DayEntry;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.config.DutyConfig;
import io.hazardwatch.alerts.config.LiveFiles;
import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.decision.IncidentPolicy;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.PolicyReload;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.model.config.WatchedFile;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The shifts' part of the object graph (called once by the composition root, issue 21): the roster file and the
 * kept swaps and hand-overs, the duty log over the books, and the config files reloaded without a restart — the
 * alerting policy (into the incident decisions), the roster, the users (into the login check).
 */
public final class Duty {

    /** What the API and {@code /health} need. */
    public record Wired(DutyBook book, DutyLog log, LiveFiles files) {
    }

    /** The books the hand-over summary and the duty log read. */
    public record Casework(Supplier<Collection<HiddenDanger>> dangers, Supplier<Collection<InspectionTask>> tasks,
                           CommitmentBook commitments) {
    }

    /** How often hand-overs and swaps past the retention ({@code alert.retention-days}) are forgotten. */
    private static final java.time.Duration FORGET_EVERY = java.time.Duration.ofHours(1);

    private Duty() {
    }

    public static Wired wire(Vertx vertx, AlertServiceConfig config, AlertingPolicy policy, Users users,
                             IncidentPolicy decisions, BasicAuth auth, IncidentEngine engine, CommitTracker commits,
                             IncidentAudit audit, Casework casework, Clock clock) {
        LiveFiles files = new LiveFiles(vertx);
        files.watch(AlertServiceConfig.POLICY_FILE, new WatchedFile<>(config.policyFile(),
                p -> PolicyReload.load(p, AlertServiceConfig.POLICY_FILE, policy), policy), decisions::use);
        files.watch(AlertServiceConfig.USERS_FILE, new WatchedFile<>(config.usersFile(),
                p -> ProductionUsers.load(config, p), users), auth::use);
        Supplier<Roster> roster;
        if (config.duty().rosterFile() == null) {
            Roster none = Roster.empty(policy.timezone());
            roster = () -> none;
        } else {
            roster = files.watch(DutyConfig.ROSTER_FILE, new WatchedFile<>(config.duty().rosterFile(),
                    p -> RosterFile.load(p, DutyConfig.ROSTER_FILE, policy.timezone())), r -> { })::get;
        }
        DutyBook book = new DutyBook(roster, () -> new HandoverSummary.Books(engine.book().open(),
                casework.dangers().get(), casework.tasks().get(), missingToday(casework.commitments(), clock)),
                kept -> commits.within(commits.keep(kept), config.limits().commandWait()), clock);
        DutyLog log = new DutyLog(new DutyLog.Sources(engine.book()::all, audit, engine::gridCellOf, casework.dangers(),
                casework.tasks(), book::handovers, () -> book.swaps()));
        boolean[] started = {false};
        engine.whenResumed(snapshot -> {
            book.resume(snapshot);
            if (!started[0]) {
                started[0] = true;
                files.start(config.duty().reloadEvery()); // on the service's context, ends with its undeployment
                vertx.setPeriodic(FORGET_EVERY.toMillis(), id -> {
                    java.util.List<String> gone = book.forgetBefore(clock.instant().minus(config.retention()));
                    if (!gone.isEmpty()) {
                        commits.delete(java.util.List.of(), gone);
                    }
                });
            }
        });
        return new Wired(book, log, files);
    }

    /** The enterprises whose commitment of the park's today is missing (past its deadline, not made). */
    private static java.util.List<String> missingToday(CommitmentBook commitments, Clock clock) {
        return commitments.overview(commitments.rules().today(clock.instant()), site -> true).enterprises().stream()
                .filter(e -> e.status() == CommitmentStatus.MISSING).map(DayEntry::enterprise).toList();
    }
}
