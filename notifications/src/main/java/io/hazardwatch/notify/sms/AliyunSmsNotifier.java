package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
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
 * Alibaba Cloud SendSms over its documented RPC API: a form POST signed with {@link AliyunRpcSignature}.
 * {@code OutId} carries the notification id, so a delivery receipt can be matched. Throttling, per-number
 * flow control ({@code isv.BUSINESS_LIMIT_CONTROL}) and server errors are retryable.
 */
public final class AliyunSmsNotifier implements Notifier {

    public static final String CHANNEL = "sms";
    private static final Logger LOG = LoggerFactory.getLogger(AliyunSmsNotifier.class);
    private static final Set<String> RETRYABLE = Set.of("Throttling", "Throttling.User", "Throttling.Api",
            "ServiceUnavailable", "InternalError", "isv.BUSINESS_LIMIT_CONTROL");

    private final AliyunSmsConfig config;
    private final ProviderHttp http;

    public AliyunSmsNotifier(AliyunSmsConfig config, WebClient client, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("aliyun-sms", client, config.timeout(), clock, List.of(config.accessKeySecret()));
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Future<Delivery> send(Notification n) {
        Map<String, String> params;
        try {
            params = signedParams(n, UUID.randomUUID().toString());
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        return http.callForm(http.post(config.endpoint() + "/"), form)
                .compose(response -> verdict(n, response))
                .onSuccess(d -> LOG.info("aliyun sms accepted message {} for {} (BizId {})", n.id(),
                        n.recipient().name(), d.providerId()))
                .onFailure(e -> LOG.warn("aliyun sms did not take message {} for {}: {}", n.id(),
                        n.recipient() == null ? "?" : n.recipient().name(), e.getMessage()));
    }

    /** The request's parameters, Signature included (package-visible for tests). */
    Map<String, String> signedParams(Notification n, String nonce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccessKeyId", config.accessKeyId());
        p.put("Action", "SendSms");
        p.put("Format", "JSON");
        p.put("RegionId", config.regionId());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", nonce);
        p.put("SignatureVersion", "1.0");
        p.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(http.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
        p.put("Version", "2017-05-25");
        // Aliyun takes mainland numbers with or without 86, international ones as country code + number
        p.put("PhoneNumbers", PhoneNumbers.e164(http.provider(), n).substring(1));
        p.put("SignName", config.template().signName());
        p.put("TemplateCode", config.template().templateCode());
        p.put("TemplateParam", config.template().paramsFor(n));
        p.put("OutId", n.id());
        p.put("Signature", AliyunRpcSignature.sign("POST", p, config.accessKeySecret().reveal()));
        return p;
    }

    private Future<Delivery> verdict(Notification n, HttpResponse<Buffer> response) {
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
            return Future.succeededFuture(new Delivery(CHANNEL, json.getString("BizId", json.getString("RequestId"))));
        }
        String what = "Code " + code + " " + json.getString("Message", "");
        boolean retryable = RETRYABLE.contains(code) || response.statusCode() >= 500;
        return Future.failedFuture(http.refused(what, retryable, retryable ? retryAfter(code) : null));
    }

    private static Duration retryAfter(String code) {
        // per-number flow control allows about one message a minute to the same number
        return "isv.BUSINESS_LIMIT_CONTROL".equals(code) ? Duration.ofMinutes(1) : null;
    }
}
