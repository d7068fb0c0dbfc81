package io.hazardwatch.model.registry;

import java.util.Objects;
import java.util.Set;

/**
 * Who a client logged in as: a credential of the registry, the enterprise it belongs to and the devices it
 * may publish for (an enterprise gateway's devices, or a device's own login).
 */
public final class Principal {

    private final String username;
    private final String enterprise;
    /** null: every device of the enterprise. */
    final Set<String> devices;
    /** The credential's hash at login, so that a reload can tell a changed or revoked credential. */
    final String credentialHash;

    Principal(String username, String enterprise, Set<String> devices, String credentialHash) {
        this.username = Objects.requireNonNull(username);
        this.enterprise = Objects.requireNonNull(enterprise);
        this.devices = devices == null ? null : Set.copyOf(devices);
        this.credentialHash = credentialHash;
    }

    public String username() {
        return username;
    }

    public String enterprise() {
        return enterprise;
    }

    /** The bcrypt hash of the credential's password, as the registry held it at login. */
    public String passwordHash() {
        return credentialHash;
    }

    /** True when the login is restricted to a list of devices (a device login, or a gateway with {@code devices}). */
    public boolean restrictedToDevices() {
        return devices != null;
    }

    /** Whether this login may publish for {@code device} of its own enterprise (registration is checked separately). */
    public boolean mayPublishFor(String enterprise, String device) {
        return this.enterprise.equals(enterprise) && (devices == null || devices.contains(device));
    }

    @Override
    public String toString() {
        return username + " (enterprise " + enterprise + ")";
    }
}
