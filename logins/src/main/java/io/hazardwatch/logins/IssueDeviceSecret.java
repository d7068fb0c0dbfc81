package io.hazardwatch.logins;

/**
 * {@code bin/hw device-secret USERNAME [DEVICE]}: issues a new secret for a device or gateway login and prints the
 * registry entry that stores its hash. The secret is printed once, on standard error, for whoever configures the
 * device; the registry keeps only the hash.
 */
public final class IssueDeviceSecret {

    private IssueDeviceSecret() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: bin/hw device-secret USERNAME");
            System.exit(2);
        }
        String username = args[0];
        if (username.isBlank() || !username.matches("[A-Za-z0-9._-]+")) {
            System.err.println("device-secret: USERNAME must be letters, digits, '.', '_' or '-', was '" + username + "'");
            System.exit(2);
        }
        String secret = DeviceSecrets.issue();
        System.err.println("secret for " + username + " (shown once; configure it on the device as the MQTT password):");
        System.err.println("  " + secret);
        System.out.println("# registry entry (under the enterprise's or the device's `credentials:`)");
        System.out.println("- username: " + username);
        System.out.println("  passwordHash: \"" + DeviceSecrets.hash(secret) + "\"");
    }
}
