package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud SendSms over its documented API 3.0: a JSON POST signed with {@link Tc3Signature}.
 * Tencent answers 200 with either {@code Response.Error} (the whole call failed) or a per-number
 * {@code SendStatusSet[0].Code}; {@code SessionContext} carries the notification id. The signed host is
 * the endpoint's host[:port], which is what the HTTP client sends as Host.
 */
public final class TencentSmsNotifier implements Notifier {

    public static final String CHANNEL = "sms";
    private static final Logger LOG = LoggerFactory.getLogger(TencentSmsNotifier.class);
    private static final String SERVICE = "sms";
    /** Codes worth a retry, with the wait they imply (null: unknown). */
    private static final Map<String, Duration> RETRYABLE = Map.of(
            "RequestLimitExceeded", Duration.ofSeconds(1),
            "LimitExceeded.PhoneNumberThirtySecondLimit", Duration.ofSeconds(30),
            "LimitExceeded.PhoneNumberOneHourLimit", Duration.ofHours(1),
            "InternalError", Duration.ZERO,
            "InternalError.Timeout", Duration.ZERO,
            "InternalError.RequestTimeException", Duration.ZERO);

    private final TencentSmsConfig config;
    private final ProviderHttp http;

    public TencentSmsNotifier(TencentSmsConfig config, WebClient client, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("tencent-sms", client, config.timeout(), clock, List.of(config.secretKey()));
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Future<Delivery> send(Notification n) {
        String payload;
        try {
            payload = payload(n).encode();
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        return http.call(signed(http.post(config.endpoint() + "/"), payload), Buffer.buffer(payload))
                .compose(response -> verdict(n, response))
                .onSuccess(d -> LOG.info("tencent sms accepted message {} for {} (SerialNo {})", n.id(),
                        n.recipient().name(), d.providerId()))
                .onFailure(e -> LOG.warn("tencent sms did not take message {} for {}: {}", n.id(),
                        n.recipient() == null ? "?" : n.recipient().name(), e.getMessage()));
    }

    JsonObject payload(Notification n) {
        return new JsonObject()
                .put("PhoneNumberSet", new JsonArray().add(PhoneNumbers.e164(http.provider(), n)))
                .put("SmsSdkAppId", config.sdkAppId())
                .put("SignName", config.template().signName())
                .put("TemplateId", config.template().templateCode())
                .put("TemplateParamSet", new JsonArray(config.template().paramsFor(n)))
                .put("SessionContext", n.id());
    }

    private HttpRequest<Buffer> signed(HttpRequest<Buffer> request, String payload) {
        long timestamp = http.clock().instant().getEpochSecond();
        return request
                .putHeader("Content-Type", Tc3Signature.CONTENT_TYPE)
                .putHeader("X-TC-Action", "SendSms")
                .putHeader("X-TC-Version", "2021-01-11")
                .putHeader("X-TC-Region", config.region())
                .putHeader("X-TC-Timestamp", Long.toString(timestamp))
                .putHeader("Authorization", Tc3Signature.authorization(config.secretId(),
                        config.secretKey().reveal(), SERVICE, config.host(), timestamp, payload));
    }

    private Future<Delivery> verdict(Notification n, HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject().getJsonObject("Response");
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            return Future.failedFuture(ProviderHttp.isSuccess(response)
                    ? http.refused("unreadable reply " + response.bodyAsString(), true, null)
                    : http.statusFailure(response));
        }
        JsonObject error = body.getJsonObject("Error");
        if (error != null) {
            return Future.failedFuture(refused(error.getString("Code", "?"), error.getString("Message", "")));
        }
        JsonArray statuses = body.getJsonArray("SendStatusSet");
        JsonObject status = statuses == null || statuses.isEmpty() ? null : statuses.getJsonObject(0);
        if (status == null) {
            return Future.failedFuture(http.refused("no SendStatusSet in reply", true, null));
        }
        String code = status.getString("Code", "?");
        if ("Ok".equals(code)) {
            return Future.succeededFuture(new Delivery(CHANNEL, status.getString("SerialNo", body.getString("RequestId"))));
        }
        return Future.failedFuture(refused(code, status.getString("Message", "")));
    }

    private NotifyException refused(String code, String message) {
        boolean retryable = RETRYABLE.containsKey(code) || code.startsWith("InternalError");
        Duration after = RETRYABLE.get(code);
        return http.refused("Code " + code + " " + message, retryable,
                retryable && after != null && !after.isZero() ? after : null);
    }
}
