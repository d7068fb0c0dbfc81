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
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio: {@code POST {endpoint}/2010-04-01/Accounts/{AccountSid}/Messages.json}, form fields To, From or
 * MessagingServiceSid, Body; HTTP Basic auth. 201 means queued; the message SID is the provider id. 429 and
 * 5xx are retryable, other 4xx (bad number 21211, unverified number 21608, auth 20003) are not.
 */
public final class TwilioSmsNotifier implements Notifier {

    public static final String CHANNEL = "sms";
    /** Twilio refuses bodies over 1600 characters. */
    static final int MAX_BODY = 1600;
    private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsNotifier.class);

    private final TwilioConfig config;
    private final ProviderHttp http;

    public TwilioSmsNotifier(TwilioConfig config, WebClient client, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("twilio", client, config.timeout(), clock, List.of(config.secret()));
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Future<Delivery> send(Notification n) {
        MultiMap form;
        try {
            form = form(n);
        } catch (NotifyException e) {
            return Future.failedFuture(e);
        }
        String url = config.endpoint() + "/2010-04-01/Accounts/"
                + URLEncoder.encode(config.accountSid(), StandardCharsets.UTF_8) + "/Messages.json";
        return http.callForm(http.post(url).authentication(
                        new UsernamePasswordCredentials(config.username(), config.secret().reveal())), form)
                .compose(this::verdict)
                .onSuccess(d -> LOG.info("twilio accepted message {} for {} ({})", n.id(), n.recipient().name(),
                        d.providerId()))
                .onFailure(e -> LOG.warn("twilio did not take message {} for {}: {}", n.id(),
                        n.recipient() == null ? "?" : n.recipient().name(), e.getMessage()));
    }

    MultiMap form(Notification n) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        form.add("To", PhoneNumbers.e164(http.provider(), n));
        if (config.messagingServiceSid() != null) {
            form.add("MessagingServiceSid", config.messagingServiceSid());
        } else {
            form.add("From", config.from());
        }
        form.add("Body", text(n));
        if (config.statusCallback() != null) {
            form.add("StatusCallback", config.statusCallback());
        }
        return form;
    }

    static String text(Notification n) {
        String text = (n.subject() == null ? "" : n.subject() + "\n") + (n.body() == null ? "" : n.body());
        return text.length() <= MAX_BODY ? text : text.substring(0, MAX_BODY - 1) + "…";
    }

    private Future<Delivery> verdict(HttpResponse<Buffer> response) {
        if (!ProviderHttp.isSuccess(response)) {
            return Future.failedFuture(http.statusFailure(response));
        }
        String sid;
        try {
            sid = response.bodyAsJsonObject().getString("sid");
        } catch (RuntimeException e) {
            sid = null;
        }
        if (sid == null) {
            return Future.failedFuture(http.refused("no message sid in reply " + response.bodyAsString(), true, null));
        }
        return Future.succeededFuture(new Delivery(CHANNEL, sid));
    }
}
