package io.hazardwatch.alerts.commitment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an enterprise declares for one major-hazard unit for the day; also the mark the board row of an alarm on that
 * unit carries ({@code BoardRow.declared}).
 *
 * @param unit        the registry's {@code majorHazards[].unit}, or {@link CommitmentRules#WHOLE_SITE}
 * @param specialWork the GB 30871 special operations under way (empty: none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitDeclaration(String unit, UnitState state, List<SpecialWork> specialWork, String note) {

    public UnitDeclaration {
        specialWork = specialWork == null ? List.of() : List.copyOf(specialWork);
    }
}
