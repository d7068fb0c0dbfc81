package io.hazardwatch.alerts.history;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.risk.RiskState;
import io.hazardwatch.model.ReadingSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import io.hazardwatch.model.config.InfluxCredentials;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the marks of committed incident changes ({@link IncidentMarks}) to InfluxDB, batched, on a thread of its
 * own: fail-safe, the history store never holds back alarms. The engine only offers a point to a bounded buffer; a
 * full buffer drops it (counted, one log line per run of drops); a failed write drops its batch (counted, one log
 * line per run of failures). The thread ends after {@value #IDLE_SECONDS} s without points and starts again with the
 * next one, so the writer needs no stopping.
 */
public final class IncidentMarkWriter implements IncidentEngine.Listener {

    /** What happened to the points so far (for {@code GET /api/reports}). */
    public record Counts(long written, long dropped, long failed, int queued, String lastError) {
    }

    static final int BATCH_MAX = 500;
    static final int IDLE_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(IncidentMarkWriter.class);

    private final IncidentMarks marks = new IncidentMarks();
    private final BlockingQueue<Point> buffer;
    private final InfluxDB influx;
    private final String database;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public IncidentMarkWriter(String url, String database, int bufferSize) {
        this(url, database, bufferSize, InfluxCredentials.NONE);
    }

    /** @param login a user with WRITE on the database ({@code influx.incidents.username}, issue 16), or none */
    public IncidentMarkWriter(String url, String database, int bufferSize, InfluxCredentials login) {
        this.buffer = new ArrayBlockingQueue<>(bufferSize);
        this.database = database;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS).writeTimeout(10, TimeUnit.SECONDS);
        this.influx = login.present() ? InfluxDBFactory.connect(url, login.username(), login.password(), http)
                : InfluxDBFactory.connect(url, http);
    }

    @Override
    public void alarmChanged(Incident incident) {
    }

    @Override
    public void incidentChanged(Incident incident) {
        marks.newMarks(incident).forEach(m -> offer(pointOf(m)));
    }

    @Override
    public void riskChanged(RiskState state) {
    }

    public Counts counts() {
        return new Counts(written.get(), dropped.get(), failed.get(), buffer.size(), lastError.get());
    }

    /** Never blocks: a full buffer drops the point. */
    void offer(Point point) {
        if (buffer.offer(point)) {
            dropping.set(false);
        } else {
            dropped.incrementAndGet();
            if (dropping.compareAndSet(false, true)) {
                LOG.warn("InfluxDB incident marks: buffer of {} full, dropping marks until it drains (alarms are not"
                        + " affected)", buffer.remainingCapacity() + buffer.size());
            }
        }
        if (running.compareAndSet(false, true)) {
            Thread worker = new Thread(this::drain, "incident-marks");
            worker.setDaemon(true);
            worker.start();
        }
    }

    static Point pointOf(IncidentMarks.Mark mark) {
        ActiveAlarm a = mark.alarm();
        Point.Builder p = Point.measurement(ReadingSeries.INCIDENT).time(mark.at().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag(ReadingSeries.TAG_ENTERPRISE, a.enterprise())
                .tag(ReadingSeries.TAG_ALARM_TYPE, String.valueOf(a.alarmType()))
                .tag(ReadingSeries.TAG_LEVEL, String.valueOf(a.level()))
                .tag(ReadingSeries.TAG_EVENT, mark.event())
                .addField(ReadingSeries.INCIDENT_ID, mark.incidentId())
                .addField(ReadingSeries.VALUE, a.value());
        if (a.device() != null) {
            p.tag(ReadingSeries.TAG_DEVICE, a.device());
        }
        if (a.sensor() != null) {
            p.tag(ReadingSeries.TAG_SENSOR, a.sensor());
        }
        if (a.threshold() != null) {
            p.addField(ReadingSeries.THRESHOLD, a.threshold());
        }
        return p.build();
    }

    /** The worker: writes batches until the buffer stays empty for a while. */
    private void drain() {
        List<Point> batch = new ArrayList<>();
        while (true) {
            Point first;
            try {
                first = buffer.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
                return;
            }
            if (first == null) {
                running.set(false);
                // a point offered just as we stopped: carry on if nobody else started
                if (buffer.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            buffer.drainTo(batch, BATCH_MAX - 1);
            write(batch);
        }
    }

    private void write(List<Point> batch) {
        try {
            influx.write(BatchPoints.database(database).points(batch).build());
            written.addAndGet(batch.size());
            if (failing.compareAndSet(true, false)) {
                LOG.info("InfluxDB incident marks: writing again");
            }
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size());
            lastError.set(e.toString());
            if (failing.compareAndSet(false, true)) {
                LOG.warn("InfluxDB incident marks: write failed, dropping {} mark(s) and any further until it"
                        + " answers (alarms are not affected): {}", batch.size(), e.toString());
            }
        }
    }
}
