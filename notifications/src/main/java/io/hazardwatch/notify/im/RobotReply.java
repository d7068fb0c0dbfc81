package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * IM robots answer HTTP 200 and put the verdict in a JSON code ({@code errcode}, {@code code}): 0 is
 * accepted; the codes in {@code retryable} are worth a retry after the given delay; any other is not.
 * An unreadable 200 is treated as retryable: a duplicate in the group beats a lost alarm.
 */
record RobotReply(String codeField, String messageField, Map<Integer, Duration> retryable) {

    Future<Delivery> check(ProviderHttp http, String channel, String robot, Notification n,
                           HttpResponse<Buffer> response) {
        JsonObject json;
        try {
            json = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            json = null;
        }
        Integer code = json == null ? null : codeOf(json);
        if (code == null) {
            return Future.failedFuture(http.refused("robot " + robot + ": unreadable reply "
                    + response.bodyAsString(), true, null));
        }
        if (code == 0) {
            return Future.succeededFuture(new Delivery(channel, n.id()));
        }
        String what = "robot " + robot + ": " + codeField + " " + code + " " + json.getValue(messageField, "");
        if (retryable.containsKey(code)) {
            return Future.failedFuture(http.refused(what, true, retryable.get(code)));
        }
        return Future.failedFuture(http.refused(what, false, null));
    }

    private Integer codeOf(JsonObject json) {
        Object code = json.getValue(codeField);
        if (code == null && "code".equals(codeField)) {
            code = json.getValue("StatusCode"); // Feishu's older reply shape
        }
        return code instanceof Number number ? number.intValue() : null;
    }
}
