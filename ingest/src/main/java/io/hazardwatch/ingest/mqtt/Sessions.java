package io.hazardwatch.ingest.mqtt;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MQTT session state of an ingest-only server. The server keeps no messages for clients (it never sends
 * QoS 1), so a session is only the client's subscriptions to its error topics. A client connecting with
 * clean session / clean start 0 gets its stored session back (session present = 1) if it has not expired
 * and was made by the same login; a second connection of the same login with the same client id takes the first one
 * over. A client id held by another login (connected, or kept as its persistent session) is not given to a login:
 * client ids are one namespace for every tenant, and one tenant must not knock another's device off.
 */
final class Sessions {

    static final class Session {
        final String clientId;
        final String username;
        final Set<String> errorTopics = ConcurrentHashMap.newKeySet();
        volatile long expiresAtNanos = Long.MAX_VALUE;

        Session(String clientId, String username) {
            this.clientId = clientId;
            this.username = username;
        }
    }

    record Opened(Session session, boolean present) {
    }

    private final Map<String, Session> stored = new ConcurrentHashMap<>();
    private final Map<String, DeviceConnection> active = new ConcurrentHashMap<>();

    /** The login holding a client id: its connection's, or its unexpired persistent session's; null if free. */
    synchronized String holder(String clientId, long nowNanos) {
        DeviceConnection connection = active.get(clientId);
        if (connection != null) {
            return connection.principal().username();
        }
        Session session = stored.get(clientId);
        return session != null && session.expiresAtNanos > nowNanos ? session.username : null;
    }

    /** Opens the client id's session for a login; null if another login holds the client id. */
    synchronized Opened open(String clientId, String username, boolean cleanStart, long nowNanos) {
        String holder = holder(clientId, nowNanos);
        if (holder != null && !holder.equals(username)) {
            return null;
        }
        Session existing = stored.get(clientId);
        if (!cleanStart && existing != null && existing.username.equals(username) && existing.expiresAtNanos > nowNanos) {
            existing.expiresAtNanos = Long.MAX_VALUE;
            return new Opened(existing, true);
        }
        Session fresh = new Session(clientId, username);
        stored.put(clientId, fresh);
        return new Opened(fresh, false);
    }

    /** Registers the connection as the client id's; returns the connection it takes over, if any. */
    synchronized DeviceConnection activate(String clientId, DeviceConnection connection) {
        return active.put(clientId, connection);
    }

    /** The connection ended: keep its session for {@code expiryNanos} (0 = end it now). */
    synchronized void closed(String clientId, DeviceConnection connection, Session session, long expiryNanos, long nowNanos) {
        active.remove(clientId, connection);
        if (active.containsKey(clientId)) {
            return; // taken over: the new connection owns the session now
        }
        if (expiryNanos <= 0) {
            stored.remove(clientId, session);
        } else {
            session.expiresAtNanos = nowNanos + expiryNanos;
        }
    }

    void purgeExpired(long nowNanos) {
        stored.values().removeIf(s -> s.expiresAtNanos < nowNanos);
    }

    /** The open connection of a client id, if any. */
    DeviceConnection active(String clientId) {
        return active.get(clientId);
    }

    Collection<DeviceConnection> activeConnections() {
        return active.values();
    }

    int storedCount() {
        return stored.size();
    }
}
