package io.hazardwatch.alerts.enterprise;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.model.registry.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry's enterprises as summaries, in file order, and which of them a user may see. */
public final class EnterpriseDirectory {

    private final Map<String, EnterpriseSummary> enterprises = new LinkedHashMap<>();

    public EnterpriseDirectory(Registry registry) {
        registry.enterprises().forEach(e -> enterprises.put(e.id(), EnterpriseSummary.of(e, registry)));
    }

    public Optional<EnterpriseSummary> find(String id) {
        return Optional.ofNullable(id == null ? null : enterprises.get(id));
    }

    /** The enterprises the user may see ({@link Access#maySee(User, String, String)}). */
    public List<EnterpriseSummary> visibleTo(User user) {
        return enterprises.values().stream().filter(e -> mayOpen(user, e)).toList();
    }

    public static boolean mayOpen(User user, EnterpriseSummary enterprise) {
        return Access.maySee(user, enterprise.id(), enterprise.gridCell());
    }
}
