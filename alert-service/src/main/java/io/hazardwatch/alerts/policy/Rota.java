package io.hazardwatch.alerts.policy;

import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.AlertingPolicy.RotaEntry;
import io.hazardwatch.alerts.policy.AlertingPolicy.Shift;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who is on call for a rung of the grid in a grid cell at a given time, from the policy's rotas. */
public final class Rota {

    private final AlertingPolicy policy;
    private final Map<String, Person> people = new LinkedHashMap<>();

    public Rota(AlertingPolicy policy) {
        this.policy = policy;
        policy.people().forEach(p -> people.put(p.id(), p));
    }

    /** The person with this id in the policy's people, if any. */
    public java.util.Optional<Person> person(String id) {
        return java.util.Optional.ofNullable(id == null ? null : people.get(id));
    }

    /**
     * The people covering {@code role} for {@code gridCell} at {@code at}; empty if nobody is rostered. Cell
     * {@code *} (the platform's own system incidents) means every cell: all their on-call people.
     */
    public List<Person> onCall(GridRole role, String gridCell, Instant at) {
        ZonedDateTime local = at.atZone(policy.timezone());
        List<Person> found = new ArrayList<>();
        for (RotaEntry rota : policy.rotas()) {
            if (rota.role() != role || !(rota.cells().contains("*") || rota.cells().contains(gridCell)
                    || "*".equals(gridCell))) {
                continue;
            }
            for (Shift shift : rota.shifts()) {
                Person person = people.get(shift.person());
                if (covers(shift, local) && !found.contains(person)) {
                    found.add(person);
                }
            }
        }
        return found;
    }

    static boolean covers(Shift shift, ZonedDateTime local) {
        LocalTime t = local.toLocalTime();
        LocalTime from = shift.from();
        LocalTime to = shift.to();
        boolean inHours;
        java.time.DayOfWeek day = local.getDayOfWeek();
        if (from.equals(to)) {
            inHours = true;
        } else if (from.isBefore(to)) {
            inHours = !t.isBefore(from) && t.isBefore(to);
        } else {
            // past midnight: the part after midnight belongs to the shift that started the day before
            boolean evening = !t.isBefore(from);
            boolean morning = t.isBefore(to);
            inHours = evening || morning;
            if (morning && !evening) {
                day = day.minus(1);
            }
        }
        return inHours && (shift.days() == null || shift.days().isEmpty() || shift.days().contains(day));
    }
}
