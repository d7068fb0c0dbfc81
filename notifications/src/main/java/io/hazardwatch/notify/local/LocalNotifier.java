package io.hazardwatch.notify.local;

import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local outbox: a channel without a real provider whose messages are taken at once and kept where every message is
 * kept — in the incident's outbox (its delivery records), which the board's 消息 / Messages page lists. Nothing leaves
 * the machine: the one-machine demo routes its channels here so that a newcomer sees what the on-call would get.
 */
public final class LocalNotifier implements Notifier {

    /** The provider id prefix of a message taken by the local outbox (the page marks such messages "local"). */
    public static final String PROVIDER_PREFIX = "local/";
    private static final Logger LOG = LoggerFactory.getLogger(LocalNotifier.class);

    private final String channel;

    public LocalNotifier(String channel) {
        this.channel = channel;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Future<Delivery> send(Notification n) {
        LOG.info("local outbox ({}): to {} <{}>: {}", channel, n.recipient().name(), n.recipient().address(),
                n.subject());
        return Future.succeededFuture(new Delivery(channel, PROVIDER_PREFIX + n.id()));
    }
}
