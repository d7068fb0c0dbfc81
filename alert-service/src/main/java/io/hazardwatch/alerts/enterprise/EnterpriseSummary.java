package io.hazardwatch.alerts.enterprise;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.model.hazard.MajorHazardGrade;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import java.util.List;

/**
 * An enterprise as lists and the page's header show it, from the registry.
 *
 * @param gridCellName     the grid cell's name on the park plan (null when the plan does not name it)
 * @param majorHazardLevel the most severe GB 18218 level of its declared units (1 most severe; null: none)
 * @param position         where the park plan draws it (null: not placed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnterpriseSummary(String id, String name, String gridCell, String gridCellName,
                                Integer majorHazardLevel, RegistryFile.Position position) {

    static EnterpriseSummary of(RegistryFile.Enterprise enterprise, Registry registry) {
        String cellName = registry.gridCells().stream().filter(c -> c.id().equals(enterprise.gridCell()))
                .map(RegistryFile.GridCell::name).findFirst().orElse(null);
        List<RegistryFile.HazardUnit> units = enterprise.majorHazards() == null ? List.of() : enterprise.majorHazards();
        Integer level = units.isEmpty() ? null
                : MajorHazardGrade.mostSevereLevel(units.stream().map(RegistryFile.HazardUnit::grade).toList());
        return new EnterpriseSummary(enterprise.id(), enterprise.name() == null ? enterprise.id() : enterprise.name(),
                enterprise.gridCell(), cellName, level, enterprise.position());
    }
}
