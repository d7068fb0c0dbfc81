package io.hazardwatch.alerts.grading;

import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.hazard.MajorHazardGrade;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the registry says of an enterprise that weighs on its grade: the GB 18218 level of its worst unit and the
 * sensor types it runs (which stand for its processes: ammonia refrigeration, dust collection, toxic gases).
 *
 * @param majorHazardLevel 1 (most severe) to 4; null when no unit is a major hazard source
 */
public record EnterpriseProfile(String enterprise, String gridCell, Integer majorHazardLevel,
                                Set<SensorType> sensorTypes) {

    public EnterpriseProfile {
        sensorTypes = sensorTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sensorTypes));
    }

    /** The profile of every enterprise of the registry. */
    public static Map<String, EnterpriseProfile> of(Registry registry) {
        Map<String, Set<SensorType>> types = new HashMap<>();
        registry.sensors().forEach(s -> types.computeIfAbsent(s.key().enterprise(), e -> EnumSet.noneOf(SensorType.class))
                .add(s.type()));
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        for (RegistryFile.Enterprise e : registry.enterprises()) {
            Integer level = e.majorHazards() == null ? null : MajorHazardGrade.mostSevereLevel(
                    e.majorHazards().stream().map(RegistryFile.HazardUnit::grade).toList());
            profiles.put(e.id(), new EnterpriseProfile(e.id(), e.gridCell(), level,
                    types.getOrDefault(e.id(), Set.of())));
        }
        return profiles;
    }
}
