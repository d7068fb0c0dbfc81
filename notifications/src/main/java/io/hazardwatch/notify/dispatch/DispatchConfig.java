package io.hazardwatch.notify.dispatch;

import io.hazardwatch.notify.config.ProviderSettings;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.EventVerifier;
import java.time.Duration;
import java.util.Objects;

/**
 * The dispatch webhook.
 *
 * @param format       {@code json} (default) or {@code cap} (OASIS CAP 1.2 XML)
 * @param replayWindow how far a signed callback's timestamp may be from our clock, and how long its
 *                     {@code Idempotency-Key} is remembered ({@code notify.dispatch.replay-window-seconds}, default 300)
 */
public record DispatchConfig(String url, Secret secret, String format, CapAlert.Sender cap, Duration timeout,
                             Duration replayWindow) {

    /** With the default replay window, {@link EventVerifier#DEFAULT_WINDOW}. */
    public DispatchConfig(String url, Secret secret, String format, CapAlert.Sender cap, Duration timeout) {
        this(url, secret, format, cap, timeout, EventVerifier.DEFAULT_WINDOW);
    }

    public DispatchConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        format = format == null ? "json" : format;
        if (!format.equals("json") && !format.equals("cap")) {
            throw new IllegalArgumentException("format must be json or cap, was " + format);
        }
        Objects.requireNonNull(cap, "cap sender");
        timeout = ProviderSettings.timeout(timeout);
        replayWindow = replayWindow == null ? EventVerifier.DEFAULT_WINDOW : replayWindow;
    }

    /** These settings with CAP times written in {@code zone} (a service passes its park's time zone, the one author). */
    public DispatchConfig inZone(java.time.ZoneId zone) {
        return new DispatchConfig(url, secret, format, new CapAlert.Sender(cap.sender(), cap.senderName(), cap.status(),
                cap.scope(), cap.restriction(), zone), timeout, replayWindow);
    }
}
