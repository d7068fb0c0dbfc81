package io.hazardwatch.alerts.duty;

import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.alerts.store.IncidentStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty room's shifts: the roster (the file's current version, with the swaps kept beside the incidents applied on
 * top) and the hand-overs between shifts. Lives on the service's context like the other books; every change is
 * stored ({@code store}: completes once committed, within the command wait) before it is answered.
 */
public final class DutyBook {

    private static final Logger LOG = LoggerFactory.getLogger(DutyBook.class);
    /** A hand-over written up to this long after a shift began is for that shift (a late hand-over), else the next. */
    static final Duration LATE_HANDOVER = Duration.ofHours(1);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** Who is on duty now and next, with the pending hand-over (if any). */
    public record Now(Instant at, String zone, Slot current, Slot next, Handover pending, boolean pendingLate) {
    }

    /** A swap asked for: the officer of ({@code date}, {@code shift}) gives it to {@code withOfficer}. */
    public record SwapRequest(LocalDate date, String shift, String withOfficer, LocalDate withDate, String withShift) {
    }

    private final Supplier<Roster> roster;
    private final Supplier<HandoverSummary.Books> books;
    private final Function<List<Kept>, Future<Void>> store;
    private final Clock clock;
    private final Map<String, Swap> swaps = new LinkedHashMap<>();
    private final Map<String, Handover> handovers = new LinkedHashMap<>();

    public DutyBook(Supplier<Roster> roster, Supplier<HandoverSummary.Books> books,
                    Function<List<Kept>, Future<Void>> store, Clock clock) {
        this.roster = roster;
        this.books = books;
        this.store = store;
        this.clock = clock;
    }

    /** Puts back the stored swaps and hand-overs after a start. */
    public void resume(IncidentStore.Snapshot snapshot) {
        snapshot.kept(Swap.KIND, Swap.class).stream().sorted(Comparator.comparing(Swap::at)).forEach(s -> swaps.put(s.id(), s));
        snapshot.kept(Handover.KIND, Handover.class).stream().sorted(Comparator.comparing(Handover::at))
                .forEach(h -> handovers.put(h.id(), h));
        LOG.info("duty resumed: {} swaps, {} hand-overs", swaps.size(), handovers.size());
    }

    public Roster roster() {
        return roster.get();
    }

    public List<Swap> swaps() {
        return List.copyOf(swaps.values());
    }

    public Collection<Handover> handovers() {
        return List.copyOf(handovers.values());
    }

    public Optional<Handover> handover(String id) {
        return Optional.ofNullable(handovers.get(id));
    }

    public Instant now() {
        return clock.instant();
    }

    public Now onDuty() {
        Instant now = clock.instant();
        Roster r = roster.get();
        Handover pending = pending().orElse(null);
        return new Now(now, r.zone().getId(), r.at(now, swaps()).orElse(null), r.next(now, swaps()).orElse(null),
                pending, pending != null && pending.lateAt(now));
    }

    /** The resolved shifts of the days {@code from} to {@code to}. */
    public List<Slot> days(LocalDate from, LocalDate to) {
        return roster.get().days(from, to, swaps());
    }

    /** The newest hand-over not yet acknowledged. */
    public Optional<Handover> pending() {
        return handovers.values().stream().filter(h -> h.acknowledged() == null).max(Comparator.comparing(Handover::at));
    }

    /**
     * Swaps a shift as {@code who} asks ({@code mayAny}: an admin, who may swap anyone's shift; else only one's own).
     * Throws IllegalArgumentException naming the field for a shift that is not rostered, SecurityException for a
     * shift not the asker's.
     */
    public Future<Swap> swap(SwapRequest request, String who, boolean mayAny) {
        Roster r = roster.get();
        Slot mine = slotOf(r, request.date(), request.shift(), "date", "shift");
        if (!mayAny && !who.equals(mine.officer())) {
            throw new SecurityException("swap the shift " + request.date() + " " + request.shift()
                    + " of " + mine.officer());
        }
        if (request.withOfficer() == null || request.withOfficer().isBlank() || request.withOfficer().equals(mine.officer())) {
            throw new IllegalArgumentException("withOfficer: required, and not the shift's own officer");
        }
        if (request.withDate() != null) {
            Slot theirs = slotOf(r, request.withDate(), request.withShift(), "withDate", "withShift");
            if (!request.withOfficer().equals(theirs.officer())) {
                throw new IllegalArgumentException("withShift: " + request.withDate() + " " + request.withShift()
                        + " is " + theirs.officer() + "'s shift, not " + request.withOfficer() + "'s");
            }
        }
        Instant now = clock.instant();
        Swap swap = new Swap(nextId("swap", swaps.keySet(), now), request.date(), request.shift(), mine.officer(),
                request.withDate(), request.withDate() == null ? null : request.withShift(), request.withOfficer(), who, now);
        swaps.put(swap.id(), swap);
        LOG.info("swap {}: {} {} of {} to {}{} by {}", swap.id(), swap.date(), swap.shift(), swap.officer(),
                swap.withOfficer(), swap.withDate() == null ? "" : " for " + swap.withDate() + " " + swap.withShift(), who);
        return store.apply(List.of(new Kept(Swap.KIND, swap.id(), swap))).map(v -> swap);
    }

    /** The outgoing officer {@code who} hands over: the server builds the summary now, for the incoming shift. */
    public Future<Handover> writeHandover(String who, String notes) {
        Instant now = clock.instant();
        Slot incoming = roster.get().startingFrom(now.minus(LATE_HANDOVER), swaps()).orElse(null);
        Handover handover = Handover.write(nextId("handover", handovers.keySet(), now), who, incoming, notes,
                HandoverSummary.of(books.get(), now), now);
        handovers.put(handover.id(), handover);
        LOG.info("hand-over {} by {} for {}", handover.id(), who, incoming == null ? "the next shift"
                : incoming.date() + " " + incoming.shift() + " (" + incoming.officer() + ")");
        return store.apply(List.of(new Kept(Handover.KIND, handover.id(), handover))).map(v -> handover);
    }

    /** The incoming officer {@code who} acknowledges a hand-over; IllegalStateException if it already was. */
    public Future<Handover> acknowledge(String id, String who) {
        Handover current = handovers.get(id);
        if (current == null) {
            return Future.failedFuture(new NoSuchElementException("no hand-over " + id));
        }
        Handover acked = current.acknowledge(who, clock.instant());
        handovers.put(id, acked);
        LOG.info("hand-over {} acknowledged by {}", id, who);
        return store.apply(List.of(new Kept(Handover.KIND, id, acked))).map(v -> acked);
    }

    /**
     * Forgets the acknowledged hand-overs written and the swaps of shifts before {@code cutoff} (past the service's
     * retention); returns their keys in the store, to be tombstoned.
     */
    public List<String> forgetBefore(Instant cutoff) {
        LocalDate day = LocalDate.ofInstant(cutoff, roster.get().zone());
        List<String> gone = new java.util.ArrayList<>();
        handovers.values().removeIf(h -> {
            boolean old = h.acknowledged() != null && h.at().isBefore(cutoff);
            if (old) {
                gone.add(Kept.keyOf(Handover.KIND, h.id()));
            }
            return old;
        });
        swaps.values().removeIf(s -> {
            boolean old = s.date().isBefore(day) && (s.withDate() == null || s.withDate().isBefore(day));
            if (old) {
                gone.add(Kept.keyOf(Swap.KIND, s.id()));
            }
            return old;
        });
        return gone;
    }

    private Slot slotOf(Roster r, LocalDate date, String shift, String dateField, String shiftField) {
        if (date == null) {
            throw new IllegalArgumentException(dateField + ": required (yyyy-mm-dd)");
        }
        if (shift == null || r.shift(shift).isEmpty()) {
            throw new IllegalArgumentException(shiftField + ": '" + shift + "' is not one of the shifts "
                    + r.shifts().stream().map(Roster.Shift::name).toList());
        }
        return r.day(date, swaps()).stream().filter(s -> s.shift().equals(shift)).findFirst().orElseThrow();
    }

    private String nextId(String prefix, Collection<String> taken, Instant now) {
        String day = prefix + "-" + LocalDate.ofInstant(now, roster.get().zone()).format(DAY) + "-";
        int n = 1;
        while (taken.contains(day + n)) {
            n++;
        }
        return day + n;
    }
}
