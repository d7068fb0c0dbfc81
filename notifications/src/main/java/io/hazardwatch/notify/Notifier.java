package io.hazardwatch.notify;

import io.vertx.core.Future;

/**
 * One way of reaching people (an SMS provider, an IM robot, a push service). Implementations follow their
 * provider's documented HTTP API, signing included, and never log credentials.
 */
public interface Notifier {

    /** The channel this notifier serves, e.g. {@code sms}, {@code wecom}, {@code dingtalk}, {@code push}. */
    String channel();

    /**
     * Hands one message for one recipient to the provider. The Future succeeds when the provider accepted
     * it; it fails with {@link NotifyException}, which says whether a retry may help (rate limit, 5xx,
     * timeout) or not (bad number, rejected signature) and, if the provider said so, when to retry.
     */
    Future<Delivery> send(Notification notification);
}
