package io.hazardwatch.alerts.enterprise;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.hazard.MajorHazardGrade;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import io.hazardwatch.model.registry.SensorSpec;
import io.vertx.core.Future;
import java.util.List;

/**
 * Section {@code profile}: the enterprise as the registry states it — name and grid cell, its major-hazard units
 * with their substances and GB 18218 S, R and level, its devices and sensors with type, unit and the set points in
 * force (the type's defaults merged with the sensor's own). No credentials.
 */
public final class ProfileSection implements EnterpriseSection {

    public static final String NAME = "profile";

    /** The page's profile section. */
    public record Profile(EnterpriseSummary enterprise, List<Unit> units, List<Device> devices) {
    }

    /** A declared unit, its substances as declared and its grade. */
    public record Unit(String unit, Integer peopleWithin500m, List<RegistryFile.HazardousSubstance> substances,
                       MajorHazardGrade grade) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String id, String name, List<Sensor> sensors) {
    }

    /** A sensor with its set points and measuring range. */
    public record Sensor(String id, String type, String unit, Thresholds thresholds, double rangeMin, double rangeMax) {
    }

    private final Registry registry;
    private final EnterpriseDirectory directory;

    public ProfileSection(Registry registry, EnterpriseDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Future<Object> of(String enterprise, User viewer) {
        RegistryFile.Enterprise declared = registry.enterprises().stream().filter(e -> e.id().equals(enterprise))
                .findFirst().orElse(null);
        EnterpriseSummary summary = directory.find(enterprise).orElse(null);
        if (declared == null || summary == null) {
            return Future.failedFuture("enterprise " + enterprise + " is not in the registry");
        }
        List<Unit> units = declared.majorHazards() == null ? List.of() : declared.majorHazards().stream()
                .map(u -> new Unit(u.unit(), u.peopleWithin500m(), u.substances(), u.grade())).toList();
        List<Device> devices = declared.devices().stream().map(d -> new Device(d.id(), d.name(), d.sensors().stream()
                .map(s -> sensor(registry.sensor(new SensorKey(enterprise, d.id(), s.id())).orElseThrow()))
                .toList())).toList();
        return Future.succeededFuture(new Profile(summary, units, devices));
    }

    private static Sensor sensor(SensorSpec spec) {
        return new Sensor(spec.key().sensor(), spec.type().name(), spec.unit(), spec.thresholds(), spec.rangeMin(),
                spec.rangeMax());
    }
}
