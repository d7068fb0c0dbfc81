package io.hazardwatch.ingest.config;

import io.hazardwatch.model.config.Settings;
import java.time.Duration;

/**
 * This gateway as one of several behind a balancer (issue 18).
 *
 * @param instanceId   its name in heartbeats and logs ({@code gateway.instance-id}); empty: the host name and the
 *                     first listener's port, e.g. {@code gw-host:1883}
 * @param drainWait    on a graceful stop, how long the gateway keeps serving its connected devices after it has
 *                     answered /ready 503 and refused new CONNECTs, so that the balancer's health check takes it out
 *                     first ({@code gateway.drain-seconds}, default 0: the one-machine gateway has no balancer)
 * @param quotaShares  how many gateways share each enterprise's quotas ({@code limits.instances}, default 1): each
 *                     enforces its share, the quota divided by this and rounded up
 */
public record GatewayInstance(String instanceId, Duration drainWait, int quotaShares) {

    public static GatewayInstance from(Settings settings) {
        return new GatewayInstance(settings.string("gateway.instance-id", "").trim(),
                Duration.ofSeconds(settings.integer("gateway.drain-seconds", 0, 0, 600)),
                settings.integer("limits.instances", 1, 1, 1000));
    }

    /** The instance id: the configured one, else {@code host:port} of the listener that names this gateway. */
    public String idOr(String listener) {
        return instanceId.isEmpty() ? hostName() + ":" + listener.substring(listener.lastIndexOf(':') + 1) : instanceId;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
