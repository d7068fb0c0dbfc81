package io.hazardwatch.logins;

import io.hazardwatch.model.registry.LoginHash;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Salted password hashes (bcrypt) for registry credentials and the alert service's users. Run {@code main} to
 * hash a new password: {@code java -cp logins/target/classes:$(cat logins/target/classpath.txt)
 * io.hazardwatch.logins.Passwords <password>}.
 */
public final class Passwords {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

    private Passwords() {
    }

    public static String hash(String password) {
        return BCRYPT.encode(password);
    }

    /** Whether a password matches a bcrypt hash. Slow on purpose (milliseconds): call it off the event loop. */
    public static boolean matches(String password, String hash) {
        return password != null && LoginHash.of(hash).orElse(null) == LoginHash.BCRYPT && BCRYPT.matches(password, hash);
    }

    /**
     * Whether a password matches a stored login hash of either kind ({@link LoginHash}): bcrypt (slow: off the event
     * loop) or a device secret's ({@link DeviceSecrets}: cheap).
     */
    public static boolean matchesAny(String password, String hash) {
        return LoginHash.of(hash).map(kind -> switch (kind) {
            case BCRYPT -> matches(password, hash);
            case DEVICE_SECRET -> DeviceSecrets.matches(password, hash);
        }).orElse(false);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Passwords <password>");
            System.exit(2);
        }
        System.out.println(hash(args[0]));
    }
}
