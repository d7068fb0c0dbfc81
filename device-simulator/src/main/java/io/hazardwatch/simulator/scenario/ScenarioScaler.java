package io.hazardwatch.simulator.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Multiplies a scenario for load: N copies of each enterprise, M of each device, K of each sensor. The first
 * copy keeps its id (so a scale of 1×1×1 is the scenario itself and stays valid for the registry); copy
 * {@code n > 1} gets {@code id-n}. Copies keep the login, unit, behaviour and offline windows of their original.
 */
public final class ScenarioScaler {

    private ScenarioScaler() {
    }

    public static Scenario scale(Scenario scenario, int enterprises, int devicesPerEnterprise, int sensorsPerType) {
        List<Scenario.Enterprise> result = new ArrayList<>();
        for (Scenario.Enterprise e : scenario.enterprises()) {
            for (int n = 1; n <= enterprises; n++) {
                List<Scenario.Device> devices = new ArrayList<>();
                for (Scenario.Device d : e.devices()) {
                    for (int m = 1; m <= devicesPerEnterprise; m++) {
                        List<Scenario.Sensor> sensors = new ArrayList<>();
                        for (Scenario.Sensor s : d.sensors()) {
                            for (int k = 1; k <= sensorsPerType; k++) {
                                sensors.add(new Scenario.Sensor(copy(s.id(), k), s.unit(), s.behaviour()));
                            }
                        }
                        devices.add(new Scenario.Device(copy(d.id(), m), sensors, d.offline()));
                    }
                }
                result.add(new Scenario.Enterprise(copy(e.id(), n), e.username(), e.password(), devices, e.offline()));
            }
        }
        return new Scenario(scenario.broker(), result);
    }

    public static String copy(String id, int n) {
        return n == 1 ? id : id + "-" + n;
    }
}
