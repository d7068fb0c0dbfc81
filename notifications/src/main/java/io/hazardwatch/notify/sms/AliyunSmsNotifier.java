package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    /** Per-number flow control allows about one message a minute to the same number. */
    private static final Duration FLOW_CONTROL_WAIT = Duration.ofMinutes(1);

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
                .compose(response -> AliyunRpc.verdict(http, response, CHANNEL, "BizId", FLOW_CONTROL_WAIT))
                .onSuccess(d -> LOG.info("aliyun sms accepted message {} for {} (BizId {})", n.id(),
                        n.recipient().name(), d.providerId()))
                .onFailure(e -> LOG.warn("aliyun sms did not take message {} for {}: {}", n.id(),
                        n.recipient() == null ? "?" : n.recipient().name(), e.getMessage()));
    }

    /** The request's parameters, Signature included (package-visible for tests). */
    Map<String, String> signedParams(Notification n, String nonce) {
        Map<String, String> p = AliyunRpc.commonParams("SendSms", config.accessKeyId(), config.regionId(), nonce, http);
        // Aliyun takes mainland numbers with or without 86, international ones as country code + number
        p.put("PhoneNumbers", PhoneNumbers.e164(http.provider(), n).substring(1));
        p.put("SignName", config.template().signName());
        p.put("TemplateCode", config.template().templateCode());
        p.put("TemplateParam", config.template().paramsFor(n));
        p.put("OutId", n.id());
        p.put("Signature", AliyunRpcSignature.sign("POST", p, config.accessKeySecret().reveal()));
        return p;
    }
}
