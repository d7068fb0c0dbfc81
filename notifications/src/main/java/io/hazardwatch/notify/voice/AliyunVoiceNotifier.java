package io.hazardwatch.notify.voice;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.hazardwatch.notify.sms.AliyunRpcSignature;
import io.hazardwatch.notify.sms.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alibaba Cloud voice notification: SingleCallByTts over the documented RPC API, a form POST signed like SMS
 * ({@link AliyunRpcSignature}). The provider id is the {@code CallId}, which its call report names; {@code OutId}
 * carries the notification id. Mainland numbers only (the service calls no other): {@code +86} is dropped.
 */
public final class AliyunVoiceNotifier implements Notifier {

    public static final String CHANNEL = "voice";
    private static final Logger LOG = LoggerFactory.getLogger(AliyunVoiceNotifier.class);
    private static final Set<String> RETRYABLE = Set.of("Throttling", "Throttling.User", "Throttling.Api",
            "ServiceUnavailable", "InternalError", "isv.BUSINESS_LIMIT_CONTROL");

    private final AliyunVoiceConfig config;
    private final ProviderHttp http;

    public AliyunVoiceNotifier(AliyunVoiceConfig config, WebClient client, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("aliyun-voice", client, config.timeout(), clock,
                List.of(config.accessKeySecret()));
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Future<Delivery> send(Notification n) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        try {
            signedParams(n, UUID.randomUUID().toString()).forEach(form::add);
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        return http.callForm(http.post(config.endpoint() + "/"), form)
                .compose(response -> verdict(response))
                .onSuccess(d -> LOG.info("aliyun voice call {} placed for {} (CallId {})", n.id(),
                        n.recipient().name(), d.providerId()))
                .onFailure(e -> LOG.warn("aliyun voice did not place call {}: {}", n.id(), e.getMessage()));
    }

    /** The request's parameters, Signature included (package-visible for tests). */
    Map<String, String> signedParams(Notification n, String nonce) {
        String number = PhoneNumbers.e164(http.provider(), n);
        if (!number.startsWith("+86")) {
            throw NotifyException.rejected("aliyun-voice: calls mainland numbers (+86) only, not "
                    + n.recipient().name() + "'s");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccessKeyId", config.accessKeyId());
        p.put("Action", "SingleCallByTts");
        p.put("Format", "JSON");
        p.put("RegionId", config.regionId());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", nonce);
        p.put("SignatureVersion", "1.0");
        p.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(http.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
        p.put("Version", "2017-05-25");
        p.put("CalledShowNumber", config.calledShowNumber());
        p.put("CalledNumber", number.substring(3));
        p.put("TtsCode", config.ttsCode());
        p.put("TtsParam", config.template().paramsFor(n));
        p.put("PlayTimes", Integer.toString(config.playTimes()));
        p.put("OutId", n.id());
        p.put("Signature", AliyunRpcSignature.sign("POST", p, config.accessKeySecret().reveal()));
        return p;
    }

    private Future<Delivery> verdict(HttpResponse<Buffer> response) {
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
            return Future.succeededFuture(new Delivery(CHANNEL, json.getString("CallId", json.getString("RequestId"))));
        }
        boolean retryable = RETRYABLE.contains(code) || response.statusCode() >= 500;
        return Future.failedFuture(http.refused("Code " + code + " " + json.getString("Message", ""), retryable, null));
    }
}
