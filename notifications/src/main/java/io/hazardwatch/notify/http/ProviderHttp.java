package io.hazardwatch.notify.http;

import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one call path to a provider: it builds the request ({@link #post}, {@link #request}) with the one
 * {@link WebClient}, and it is the one place that turns the exchange into success or a {@link NotifyException}:
 * transport errors, timeouts, 408, 429 and 5xx are retryable (with the provider's Retry-After); any other
 * non-2xx is not. Messages name the provider and status, never the URL (robot keys live in URLs), and
 * have every known secret masked.
 */
public final class ProviderHttp {

    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final String provider;
    private final WebClient client;
    private final Duration timeout;
    private final Clock clock;
    private final List<Secret> secrets;

    public ProviderHttp(String provider, WebClient client, Duration timeout, Clock clock, List<Secret> secrets) {
        this.provider = provider;
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
        this.secrets = List.copyOf(secrets);
    }

    public String provider() {
        return provider;
    }

    public Clock clock() {
        return clock;
    }

    /** A POST to an absolute URL, to send with {@link #exchange}, {@link #call} or {@link #callForm}. */
    public HttpRequest<Buffer> post(String url) {
        return client.postAbs(url);
    }

    /** A request to an absolute URL, to send with {@link #exchange}, {@link #call} or {@link #callForm}. */
    public HttpRequest<Buffer> request(HttpMethod method, String url) {
        return client.requestAbs(method, url);
    }

    /** Sends {@code body}; succeeds with any 2xx response. */
    public Future<HttpResponse<Buffer>> exchange(HttpRequest<Buffer> request, Buffer body) {
        return call(request, body).compose(response -> isSuccess(response)
                ? Future.succeededFuture(response)
                : Future.failedFuture(statusFailure(response)));
    }

    /** Sends {@code body}; succeeds with any response, for providers that put their verdict in 4xx bodies too. */
    public Future<HttpResponse<Buffer>> call(HttpRequest<Buffer> request, Buffer body) {
        request.timeout(timeout.toMillis());
        return noResponseIsRetryable(body == null ? request.send() : request.sendBuffer(body));
    }

    /** As {@link #call}, with an {@code application/x-www-form-urlencoded} body. */
    public Future<HttpResponse<Buffer>> callForm(HttpRequest<Buffer> request, MultiMap form) {
        request.timeout(timeout.toMillis());
        return noResponseIsRetryable(request.sendForm(form));
    }

    private Future<HttpResponse<Buffer>> noResponseIsRetryable(Future<HttpResponse<Buffer>> sent) {
        return sent.recover(e -> Future.failedFuture(NotifyException.retryable(
                redact(provider + ": no response (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"),
                null)));
    }

    public static boolean isSuccess(HttpResponse<?> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    /** The verdict from the HTTP status alone (see the class comment). */
    public NotifyException statusFailure(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String message = provider + ": HTTP " + status + bodyExcerpt(response.bodyAsString());
        if (status == 429 || status == 408 || status >= 500) {
            return NotifyException.retryable(message, RetryAfter.parse(response.getHeader("Retry-After"), clock));
        }
        return NotifyException.rejected(message);
    }

    /** A provider answered 2xx but refused the message in its body (errcode and the like). */
    public NotifyException refused(String what, boolean retryable, Duration retryAfter) {
        String message = truncate(redact(provider + ": " + what));
        return retryable ? NotifyException.retryable(message, retryAfter) : NotifyException.rejected(message);
    }

    public String redact(String text) {
        String out = text;
        for (Secret secret : secrets) {
            out = secret.redactFrom(out);
        }
        return out;
    }

    private String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return " " + truncate(redact(body.strip()));
    }

    private static String truncate(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
