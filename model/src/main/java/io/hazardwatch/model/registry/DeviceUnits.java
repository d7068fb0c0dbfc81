package io.hazardwatch.model.registry;

import io.hazardwatch.model.registry.RegistryFile.Device;
import io.hazardwatch.model.registry.RegistryFile.Enterprise;
import io.hazardwatch.model.registry.RegistryFile.HazardUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which major-hazard unit each device of an enterprise watches (a device's optional {@code unit}): checked against
 * the enterprise's {@code majorHazards[].unit}, so a typo stops the registry from loading instead of leaving an
 * alarm without its unit's declared state.
 */
final class DeviceUnits {

    private DeviceUnits() {
    }

    /** The unit of each device that names one; fails naming the device's path if it names no unit of the enterprise. */
    static Map<String, String> of(Enterprise enterprise, String path) {
        Map<String, String> units = new LinkedHashMap<>();
        List<String> declared = enterprise.majorHazards() == null ? List.of()
                : enterprise.majorHazards().stream().map(HazardUnit::unit).toList();
        for (int d = 0; d < enterprise.devices().size(); d++) {
            Device device = enterprise.devices().get(d);
            if (device.unit() == null) {
                continue;
            }
            if (!declared.contains(device.unit())) {
                throw new RegistryException(path + ".devices[" + d + "].unit: '" + device.unit()
                        + "' is not a major-hazard unit of enterprise '" + enterprise.id() + "' ("
                        + (declared.isEmpty() ? "it declares no majorHazards" : "majorHazards[].unit: "
                        + String.join(", ", declared)) + ")");
            }
            units.put(device.id(), device.unit());
        }
        return Map.copyOf(units);
    }
}
