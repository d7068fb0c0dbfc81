package io.hazardwatch.notify.voice;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.http.ProviderHttp;
import io.hazardwatch.notify.sms.AliyunRpc;
import io.hazardwatch.notify.sms.AliyunRpcSignature;
import io.hazardwatch.notify.sms.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
                .compose(response -> AliyunRpc.verdict(http, response, CHANNEL, "CallId", null))
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
        Map<String, String> p = AliyunRpc.commonParams("SingleCallByTts", config.accessKeyId(), config.regionId(),
                nonce, http);
        p.put("CalledShowNumber", config.calledShowNumber());
        p.put("CalledNumber", number.substring(3));
        p.put("TtsCode", config.ttsCode());
        p.put("TtsParam", config.template().paramsFor(n));
        p.put("PlayTimes", Integer.toString(config.playTimes()));
        p.put("OutId", n.id());
        p.put("Signature", AliyunRpcSignature.sign("POST", p, config.accessKeySecret().reveal()));
        return p;
    }
}
