package io.hazardwatch.model.registry;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Salted password hashes (bcrypt) for registry credentials. Run {@code main} to hash a new password:
 * {@code java -cp model.jar io.hazardwatch.model.registry.Passwords <password>}.
 */
public final class Passwords {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

    private Passwords() {
    }

    public static String hash(String password) {
        return BCRYPT.encode(password);
    }

    public static boolean matches(String password, String hash) {
        return password != null && hash != null && BCRYPT.matches(password, hash);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Passwords <password>");
            System.exit(2);
        }
        System.out.println(hash(args[0]));
    }
}
