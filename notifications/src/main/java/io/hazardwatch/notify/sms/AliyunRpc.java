package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Alibaba Cloud's RPC APIs (SMS SendSms, voice SingleCallByTts) share: the common request parameters, and the
 * reading of a reply — {@code {"Code":"OK", <id>, "RequestId"}}, or a Code that says why not (throttling, flow
 * control and server errors are retryable).
 */
public final class AliyunRpc {

    private static final Set<String> RETRYABLE = Set.of("Throttling", "Throttling.User", "Throttling.Api",
            "ServiceUnavailable", "InternalError", "isv.BUSINESS_LIMIT_CONTROL");

    private AliyunRpc() {
    }

    /** The common parameters of {@code action} (API version 2017-05-25), signed once the action's own are added. */
    public static Map<String, String> commonParams(String action, String accessKeyId, String regionId, String nonce,
                                                   ProviderHttp http) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccessKeyId", accessKeyId);
        p.put("Action", action);
        p.put("Format", "JSON");
        p.put("RegionId", regionId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", nonce);
        p.put("SignatureVersion", "1.0");
        p.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(http.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
        p.put("Version", "2017-05-25");
        return p;
    }

    /**
     * The delivery, its provider id read from {@code idField} (else the RequestId), or the failure; per-number flow
     * control ({@code isv.BUSINESS_LIMIT_CONTROL}) is retried after {@code flowControlWait} (null: the back-off).
     */
    public static Future<Delivery> verdict(ProviderHttp http, HttpResponse<Buffer> response, String channel,
                                           String idField, Duration flowControlWait) {
        JsonObject json;
        try {
            json = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            json = null;
        }
        String code = json == null ? null : json.getString("Code");
        if (code == null) {
            return Future.failedFuture(ProviderHttp.isSuccess(response)
                    ? http.refused("unreadable reply " + response.bodyAsString(), true, null)
                    : http.statusFailure(response));
        }
        if ("OK".equals(code)) {
            return Future.succeededFuture(new Delivery(channel, json.getString(idField, json.getString("RequestId"))));
        }
        String what = "Code " + code + " " + json.getString("Message", "");
        boolean retryable = RETRYABLE.contains(code) || response.statusCode() >= 500;
        Duration after = retryable && "isv.BUSINESS_LIMIT_CONTROL".equals(code) ? flowControlWait : null;
        return Future.failedFuture(http.refused(what, retryable, after));
    }
}
