package io.hazardwatch.deploy;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Gives a Kafka principal a new random password and writes it to the principal's client properties file:
 * {@code KafkaPassword <bootstrap> <principal> <client properties file>}, run as admin
 * ({@code HW_KAFKA_CLIENT_PROPERTIES}; {@code bin/hw kafka-password}). The broker knows the new password at once;
 * the service uses it from its next start. The password is never printed.
 */
public final class KafkaPassword {

    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private KafkaPassword() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !PRINCIPAL.matcher(args[1]).matches()) {
            System.err.println("usage: KafkaPassword <bootstrap servers> <principal> <client properties file>");
            System.exit(2);
        }
        rotate(args[0], KafkaClientAuth.fromEnvironment(), args[1], Path.of(args[2]));
        System.out.println("new password of Kafka principal " + args[1] + " set; written to " + args[2]);
    }

    /** Sets a new SCRAM-SHA-512 password for {@code principal} (logged in with {@code admin}), then writes {@code file}. */
    static void rotate(String bootstrap, KafkaClientAuth admin, String principal, Path file) throws Exception {
        String password = randomPassword();
        Properties props = admin.addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(props)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(principal,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        }
        write(file, principal, password);
    }

    private static void write(Path file, String principal, String password) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "kafka-", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + principal + "\" password=\"" + password + "\";\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
