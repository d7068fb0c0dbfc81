package io.hazardwatch.alerts.risk;

import io.hazardwatch.alerts.board.ActiveAlarm;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current risk state of every enterprise, derived by the {@link RiskRules} from its active alarms and kept so
 * that only a change is told. Pure: no I/O, one caller's thread.
 */
public final class EnterpriseRisk {

    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseRisk.class);

    private final RiskRules rules;
    private final Map<String, String> enterpriseCells;
    private final Map<String, RiskState> states = new TreeMap<>();

    /** @param enterpriseCells the grid cell of each enterprise of the registry (each gets a state at start) */
    public EnterpriseRisk(RiskRules rules, Map<String, String> enterpriseCells) {
        this.rules = rules;
        this.enterpriseCells = Map.copyOf(enterpriseCells);
    }

    /**
     * Evaluates {@code enterprise} again from the active alarms (of every enterprise, system alarms left out by the
     * caller); its new state if it differs from the one before (a first evaluation is no change).
     */
    public Optional<RiskState> reassess(String enterprise, Collection<ActiveAlarm> allActive) {
        List<ActiveAlarm> active = allActive.stream().filter(a -> enterprise.equals(a.enterprise())).toList();
        String cell = enterpriseCells.getOrDefault(enterprise, active.isEmpty() ? null : active.get(0).gridCell());
        RiskState state = rules.evaluate(enterprise, cell, active);
        RiskState before = states.put(enterprise, state);
        if (before == null || before.equals(state)) {
            return Optional.empty();
        }
        if (before.colour() != state.colour()) {
            LOG.info("enterprise {} risk {} -> {} (warning line {}, alarm line {})", enterprise, before.colour(),
                    state.colour(), state.overWarningLine(), state.overAlarmLine());
        }
        return Optional.of(state);
    }

    /** The enterprises of the registry. */
    public Set<String> enterprises() {
        return enterpriseCells.keySet();
    }

    /** The grid cell of an enterprise in the registry, or null if it is not known. */
    public String gridCellOf(String enterprise) {
        return enterpriseCells.get(enterprise);
    }

    public Collection<RiskState> states() {
        return states.values();
    }
}
