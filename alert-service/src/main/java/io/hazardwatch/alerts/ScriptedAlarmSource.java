package io.hazardwatch.alerts;

import io.hazardwatch.model.AlarmEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.Map;

/**
 * An alarm source driven by code: it hands events to the service exactly as the Kafka consumer does. A standby's
 * {@link Rehearsal} runs its made-up alarm through one; tests script theirs.
 */
final class ScriptedAlarmSource implements AlarmSource {

    private volatile State state = State.STARTING;
    private volatile Context context;
    private volatile Handler<AlarmRecord> handler;
    private long nextOffset;

    @Override
    public Future<Void> start(Context context, Map<Integer, Long> from, Handler<AlarmRecord> handler) {
        this.context = context;
        this.nextOffset = from.getOrDefault(0, 0L);
        this.handler = handler;
        state = State.LIVE;
        return Future.succeededFuture();
    }

    @Override
    public State state() {
        return state;
    }

    void setState(State state) {
        this.state = state;
    }

    @Override
    public Future<Void> stop() {
        state = State.STOPPED;
        return Future.succeededFuture();
    }

    /** Delivers the events in order (partition 0); completes once the service has handled the last one. */
    synchronized Future<Void> deliver(AlarmEvent... events) {
        Promise<Void> handled = Promise.promise();
        for (AlarmEvent event : events) {
            AlarmRecord record = new AlarmRecord(0, nextOffset++, event);
            context.runOnContext(v -> handler.handle(record));
        }
        context.runOnContext(v -> handled.complete());
        return handled.future();
    }
}
