package io.hazardwatch.alerts.outbox.text;

import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry's names for people: an enterprise's, a device's, a grid cell's, and a device's major-hazard unit.
 * An id the registry does not name stands for itself.
 */
public final class Names {

    private final Map<String, String> enterprises = new HashMap<>();
    private final Map<String, String> devices = new HashMap<>();
    private final Map<String, String> units = new HashMap<>();
    private final Map<String, String> cells = new HashMap<>();

    private Names() {
    }

    /** No names: every id stands for itself. */
    public static Names none() {
        return new Names();
    }

    public static Names of(Registry registry) {
        Names names = new Names();
        for (RegistryFile.Enterprise e : registry.enterprises()) {
            names.put(names.enterprises, e.id(), e.name());
            if (e.devices() != null) {
                for (RegistryFile.Device d : e.devices()) {
                    names.put(names.devices, e.id() + "/" + d.id(), d.name());
                    names.put(names.units, e.id() + "/" + d.id(), d.unit());
                }
            }
        }
        registry.gridCells().forEach(cell -> names.put(names.cells, cell.id(), cell.name()));
        return names;
    }

    public String enterprise(String id) {
        return enterprises.getOrDefault(id, id);
    }

    public String device(String enterprise, String device) {
        return devices.getOrDefault(enterprise + "/" + device, device);
    }

    /** The major-hazard unit the device watches, or null. */
    public String unit(String enterprise, String device) {
        return units.get(enterprise + "/" + device);
    }

    /** The grid cell's name, its id if unnamed, null for none. */
    public String gridCell(String id) {
        return id == null ? null : cells.getOrDefault(id, id);
    }

    private void put(Map<String, String> map, String key, String name) {
        if (name != null && !name.isBlank()) {
            map.put(key, name.strip());
        }
    }
}
