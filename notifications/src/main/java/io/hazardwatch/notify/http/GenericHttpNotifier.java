package io.hazardwatch.notify.http;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a notification as one HTTP request built from an {@link HttpTemplate}: for in-house gateways, push
 * services and anything else that takes a JSON webhook. 2xx means accepted.
 */
public final class GenericHttpNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(GenericHttpNotifier.class);

    private final HttpTemplate template;
    private final ProviderHttp http;

    public GenericHttpNotifier(HttpTemplate template, WebClient client, Clock clock) {
        this.template = template;
        this.http = new ProviderHttp(template.channel(), client, template.timeout(), clock, secretsOf(template));
    }

    @Override
    public String channel() {
        return template.channel();
    }

    @Override
    public Future<Delivery> send(Notification notification) {
        String body;
        HttpRequest<Buffer> request;
        try {
            body = template.bodyFor(notification);
            request = buildRequest(notification, body);
        } catch (RuntimeException e) {
            return Future.failedFuture(NotifyException.rejected(template.channel() + ": " + e.getMessage()));
        }
        return http.exchange(request, body == null ? null : Buffer.buffer(body))
                .map(response -> delivered(notification, response))
                .onFailure(e -> LOG.warn("{} not accepted for {} ({}): {}", channel(),
                        notification.recipient().name(), notification.id(), e.getMessage()));
    }

    HttpRequest<Buffer> buildRequest(Notification notification, String body) {
        HttpRequest<Buffer> request = http.request(template.method(), template.urlFor(notification));
        template.headers().forEach(request::putHeader);
        template.secretHeaders().forEach((name, value) -> request.putHeader(name, value.reveal()));
        if (body != null) {
            request.putHeader("Content-Type", "application/json; charset=utf-8");
        }
        if (template.signing() != null) {
            sign(request, body == null ? "" : body);
        }
        return request;
    }

    private void sign(HttpRequest<Buffer> request, String body) {
        HttpTemplate.Signing signing = template.signing();
        long timestamp = http.clock().instant().getEpochSecond();
        request.putHeader(signing.timestampHeader(), Long.toString(timestamp));
        request.putHeader(signing.signatureHeader(), WebhookSignature.sign(signing.secret().reveal(), timestamp, body));
    }

    private Delivery delivered(Notification notification, HttpResponse<Buffer> response) {
        String providerId = providerId(response);
        LOG.info("{} accepted message {} for {} (provider id {})", channel(), notification.id(),
                notification.recipient().name(), providerId == null ? "-" : providerId);
        return new Delivery(channel(), providerId == null ? notification.id() : providerId);
    }

    private String providerId(HttpResponse<Buffer> response) {
        if (template.providerIdPointer() == null || response.body() == null || response.body().length() == 0) {
            return null;
        }
        try {
            Object value = JsonPointer.from(template.providerIdPointer()).queryJson(Json.decodeValue(response.body()));
            return value == null ? null : value.toString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static List<Secret> secretsOf(HttpTemplate template) {
        List<Secret> secrets = new ArrayList<>(template.secretHeaders().values());
        if (template.signing() != null) {
            secrets.add(template.signing().secret());
        }
        return secrets;
    }
}
