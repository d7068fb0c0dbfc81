package io.hazardwatch.simulator.replay;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import java.time.Duration;
import java.util.List;

/**
 * Moves the {@code ts} of every reading in a payload by a fixed offset, so that a recording from last week
 * replays as if measured now (the gateway refuses readings older than its maximum age). Payloads that are not
 * a {@link DeviceMessage} are left as they are.
 */
public final class TimestampShift {

    private TimestampShift() {
    }

    public static byte[] shift(byte[] payload, Duration offset) {
        if (offset.isZero()) {
            return payload;
        }
        DeviceMessage message;
        try {
            message = Json.fromBytes(payload, DeviceMessage.class);
        } catch (RuntimeException notOurs) {
            return payload;
        }
        return Json.toBytes(shift(message, offset));
    }

    static DeviceMessage shift(DeviceMessage m, Duration offset) {
        List<DeviceMessage> readings = m.readings() == null ? null
                : m.readings().stream().map(r -> shift(r, offset)).toList();
        return new DeviceMessage(m.sensor(), m.value(), m.unit(), m.ts() == null ? null : m.ts().plus(offset), readings);
    }
}
