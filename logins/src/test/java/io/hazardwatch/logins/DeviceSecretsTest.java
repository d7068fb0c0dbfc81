package io.hazardwatch.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.registry.LoginHash;
import org.junit.jupiter.api.Test;

class DeviceSecretsTest {

    @Test
    void anIssuedSecretMatchesItsHashAndNothingElse() {
        String secret = DeviceSecrets.issue();
        String hash = DeviceSecrets.hash(secret);

        assertThat(LoginHash.of(hash)).contains(LoginHash.DEVICE_SECRET);
        assertThat(DeviceSecrets.matches(secret, hash)).isTrue();
        assertThat(Passwords.matchesAny(secret, hash)).isTrue();
        assertThat(DeviceSecrets.matches(DeviceSecrets.issue(), hash)).isFalse();
        assertThat(DeviceSecrets.matches(secret.substring(0, secret.length() - 1) + "x", hash)).isFalse();
        // salted: the same secret hashes differently each time, and both match
        String again = DeviceSecrets.hash(secret);
        assertThat(again).isNotEqualTo(hash);
        assertThat(DeviceSecrets.matches(secret, again)).isTrue();
    }

    @Test
    void aDeviceSecretHashIsNeverAPersonsPassword() {
        String secret = DeviceSecrets.issue();
        String hash = DeviceSecrets.hash(secret);

        // bcrypt-only checks (the alert service's users) refuse it
        assertThat(Passwords.matches(secret, hash)).isFalse();
        // a short word cannot be hashed this way, nor log in against such a hash
        assertThatThrownBy(() -> DeviceSecrets.hash("demo-pass")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 characters");
        assertThat(DeviceSecrets.matches("short", hash)).isFalse();
    }

    @Test
    void malformedHashesMatchNothing() {
        String secret = DeviceSecrets.issue();

        assertThat(DeviceSecrets.matches(secret, null)).isFalse();
        assertThat(DeviceSecrets.matches(secret, "$hwsec1$")).isFalse();
        assertThat(DeviceSecrets.matches(secret, "$hwsec1$!!!$???")).isFalse();
        assertThat(DeviceSecrets.matches(secret, Passwords.hash("x"))).isFalse();
        assertThat(Passwords.matchesAny(secret, "plain-text")).isFalse();
    }

    @Test
    void bcryptHashesStillWork() {
        String hash = Passwords.hash("a person's password");

        assertThat(new StoredLogin<>("p", hash).check("a person's password")).contains("p");
        assertThat(new StoredLogin<>("p", hash).cheap()).isFalse();
        String secret = DeviceSecrets.issue();
        assertThat(new StoredLogin<>("d", DeviceSecrets.hash(secret)).check(secret)).contains("d");
        assertThat(new StoredLogin<>("d", DeviceSecrets.hash(secret)).cheap()).isTrue();
    }
}
