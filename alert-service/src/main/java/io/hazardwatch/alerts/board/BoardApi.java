package io.hazardwatch.alerts.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.hazard.MajorHazardGrade;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import io.hazardwatch.model.registry.SensorSpec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty-room board's own endpoints, beside the incident API and with the same role checks:
 * <ul>
 *   <li>{@code GET /api/board/plan} — the park plan: grid-cell outlines and enterprise markers (positions from
 *       the registry), only the enterprises the user may see</li>
 *   <li>{@code GET /api/sensors/{enterprise}/{device}/{sensor}/history?minutes=60} — the sensor's readings
 *       from its {@link ReadingHistory} with its set points; raw up to {@value ReadingHistory#RAW_MINUTES} minutes,
 *       averaged into at most about {@value ReadingHistory#MAX_POINTS} points beyond</li>
 *   <li>{@code GET /vendor/uPlot.iife.min.js}, {@code /vendor/uPlot.min.css} — the chart library, from its
 *       WebJar on the class path (nothing is loaded from the internet at run time)</li>
 * </ul>
 */
public final class BoardApi {

    static final int DEFAULT_MINUTES = 60;
    static final int MAX_MINUTES = 24 * 60;
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final Logger LOG = LoggerFactory.getLogger(BoardApi.class);

    /** The plan as the board draws it. */
    record Plan(List<RegistryFile.GridCell> gridCells, List<Marker> enterprises) {
    }

    /**
     * An enterprise on the plan; {@code position} null = not placed (the board lists it beside the plan);
     * {@code majorHazards} its declared units with their GB 18218 S, R and level, {@code majorHazardLevel} the
     * most severe of those levels (null when no unit is a major hazard source).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Marker(String id, String name, String gridCell, RegistryFile.Position position, Integer majorHazardLevel,
                  List<UnitGrade> majorHazards) {
    }

    /** One declared unit and its grade. */
    record UnitGrade(String unit, MajorHazardGrade grade) {
    }

    /** A sensor's readings with its set points. */
    record History(String enterprise, String device, String sensor, String sensorType, String unit,
                   Thresholds thresholds, int minutes, boolean averaged, List<Long> times, List<Double> values,
                   List<ReadingHistory.Mark> marks) {
    }

    private final Registry registry;
    private final ReadingHistory readings;
    private final String uplotDir;

    public BoardApi(Registry registry, ReadingHistory readings) {
        this.registry = registry;
        this.readings = readings;
        this.uplotDir = uplotVersion().map(v -> UPLOT + v + "/dist/").orElse(null);
        if (uplotDir == null) {
            LOG.warn("the uPlot WebJar is not on the class path: the board draws no charts");
        }
    }

    /** Where the board reads past readings from (the enterprise page's sensors read the newest there too). */
    public ReadingHistory readings() {
        return readings;
    }

    public void routes(Router router) {
        router.get("/api/board/plan").handler(this::plan);
        router.get("/api/sensors/:enterprise/:device/:sensor/history").handler(this::history);
        router.get("/vendor/uPlot.iife.min.js").handler(ctx -> vendor(ctx, "uPlot.iife.min.js",
                "text/javascript; charset=utf-8"));
        router.get("/vendor/uPlot.min.css").handler(ctx -> vendor(ctx, "uPlot.min.css", "text/css; charset=utf-8"));
    }

    private void vendor(RoutingContext ctx, String file, String type) {
        if (uplotDir == null) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=86400")
                .sendFile(uplotDir + file);
    }

    void plan(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        List<Marker> markers = new ArrayList<>();
        for (RegistryFile.Enterprise e : registry.enterprises()) {
            if (Access.maySee(user, e.id(), e.gridCell())) {
                List<UnitGrade> units = e.majorHazards() == null ? null
                        : e.majorHazards().stream().map(u -> new UnitGrade(u.unit(), u.grade())).toList();
                markers.add(new Marker(e.id(), e.name(), e.gridCell(), e.position(), units == null ? null
                        : MajorHazardGrade.mostSevereLevel(units.stream().map(UnitGrade::grade).toList()), units));
            }
        }
        List<RegistryFile.GridCell> cells = registry.gridCells().stream()
                .filter(c -> Access.maySee(user, null, c.id())
                        || markers.stream().anyMatch(m -> c.id().equals(m.gridCell())))
                .toList();
        Responses.json(ctx.response(), 200, new Plan(cells, markers));
    }

    void history(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        SensorKey key = new SensorKey(ctx.pathParam("enterprise"), ctx.pathParam("device"), ctx.pathParam("sensor"));
        Optional<SensorSpec> found = registry.sensor(key);
        if (found.isEmpty()) {
            Responses.error(ctx.response(), 404, "not_found", "no sensor " + key + " in the registry");
            return;
        }
        SensorSpec spec = found.get();
        if (!Access.maySee(user, key.enterprise(), spec.gridCell())) {
            Responses.error(ctx.response(), 403, "forbidden", "user " + user.username() + " (" + user.role()
                    + ") may not see sensors of enterprise " + key.enterprise());
            return;
        }
        int minutes;
        try {
            String raw = ctx.queryParams().get("minutes");
            minutes = raw == null ? DEFAULT_MINUTES : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            Responses.error(ctx.response(), 400, "bad_request", "minutes must be 1 to " + MAX_MINUTES);
            return;
        }
        int window = minutes;
        boolean averaged = ReadingHistory.averaged(minutes);
        // the sensor's incident marks (issue 21) are a bonus: without them the chart still shows the readings
        readings.lastMinutes(key, window).compose(series -> readings.marks(key, window)
                        .otherwise(List.of()).map(marks -> new History(key.enterprise(), key.device(), key.sensor(),
                                spec.type().name(), spec.unit(), spec.thresholds(), window, averaged, series.times(),
                                series.values(), marks)))
                .onSuccess(history -> Responses.json(ctx.response(), 200, history))
                .onFailure(e -> {
                    LOG.warn("sensor history of {} from InfluxDB failed: {}", key, e.getMessage());
                    Responses.error(ctx.response(), 502, "history_unavailable",
                            "InfluxDB did not answer: " + e.getMessage());
                });
    }

    private static Optional<String> uplotVersion() {
        try (InputStream in = BoardApi.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
