package io.hazardwatch.alerts.receipt;

import io.hazardwatch.alerts.IncidentCommands;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.notify.receipt.Receipt;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the providers' receipts on the deliveries they name: the provider id each send returned
 * ({@link DeliveryRecord#providerId()}) finds the message (several, when a grouped message covered several incidents);
 * each change is a command of its incident, committed and audited like any delivery change. Runs on the engine's
 * context.
 */
public final class DeliveryReceipts {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReceipts.class);

    private final IncidentBook book;
    private final IncidentCommands commands;

    public DeliveryReceipts(IncidentBook book, IncidentCommands commands) {
        this.book = book;
        this.commands = commands;
    }

    /** Applies {@code receipt}; succeeds with the number of messages it named (0: unknown id, logged) once stored. */
    public Future<Integer> apply(String provider, Receipt receipt) {
        List<Named> named = find(receipt.providerId());
        if (named.isEmpty()) {
            LOG.info("{} receipt for unknown message id {} ignored", provider, receipt.providerId());
            return Future.succeededFuture(0);
        }
        Future<Incident> chain = Future.succeededFuture();
        for (Named n : named) {
            chain = chain.compose(v -> commands.deliveryReport(n.incidentId(), n.deliveryId(), receipt.delivered(),
                    receipt.reason()));
        }
        return chain.map(v -> {
            LOG.info("{} receipt: message {} {}", provider, receipt.providerId(),
                    receipt.delivered() ? "delivered" : "not delivered (" + receipt.reason() + ")");
            return named.size();
        });
    }

    /** Applies each receipt of a batch in turn; succeeds with how many messages they named. */
    public Future<Integer> applyAll(String provider, List<Receipt> receipts) {
        Future<Integer> total = Future.succeededFuture(0);
        for (Receipt receipt : receipts) {
            total = total.compose(sum -> apply(provider, receipt).map(n -> sum + n));
        }
        return total;
    }

    private List<Named> find(String providerId) {
        List<Named> found = new ArrayList<>();
        for (Incident incident : book.all()) {
            for (DeliveryRecord d : incident.deliveries()) {
                if (providerId.equals(d.providerId())) {
                    found.add(new Named(incident.id(), d.id()));
                }
            }
        }
        return found;
    }

    private record Named(String incidentId, String deliveryId) {
    }
}
