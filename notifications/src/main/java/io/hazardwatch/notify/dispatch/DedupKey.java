package io.hazardwatch.notify.dispatch;

import io.hazardwatch.notify.signing.Hmac;

/**
 * The key under which dispatch files every message about one incident: derived only from the incident
 * key, so it is the same after a restart, on another node and for trigger, update and resolve alike.
 */
public final class DedupKey {

    private DedupKey() {
    }

    public static String of(String incidentKey) {
        return "hw-" + Hmac.sha256HexDigest(incidentKey).substring(0, 32);
    }
}
