package io.hazardwatch.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoLoginsTest {

    private static final String DEMO = "$2a$10$uOizdgP89vU1nQHxqHYc6elnIT1zEvLm3vpjjnERH8rdQXrJkZadW";
    private static final String OWN = "$2a$10$aaaaaaaaaaaaaaaaaaaaaOaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @Test
    void everyHashOfTheDemoFilesIsKnown() throws Exception {
        Pattern hash = Pattern.compile("passwordHash: \"([^\"]+)\"");
        int seen = 0;
        for (String file : new String[] {"registry.yaml", "users.yaml"}) {
            Matcher m = hash.matcher(Files.readString(Path.of("..", "deploy", "config", file)));
            while (m.find()) {
                seen++;
                assertThat(DemoLogins.KNOWN_HASHES).as(file).contains(m.group(1));
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aReachableAddressWithADemoHashIsRefusedNamingTheLoginAndTheFix() {
        assertThatThrownBy(() -> DemoLogins.refuseOnReachableAddress("alert.http.host", "0.0.0.0", "alert.users.file",
                Map.of("duty", DEMO, "mine", OWN), "replace it with the users tool"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alert.users.file: login(s) duty still have the demo's password hash")
                .hasMessageContaining("alert.http.host=0.0.0.0")
                .hasMessageContaining("replace it with the users tool")
                .hasMessageNotContaining("mine");
    }

    @Test
    void loopbackBindsKeepTheDemoLogins() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThatCode(() -> DemoLogins.refuseOnReachableAddress("http.host", host, "registry.file",
                    Map.of("duty", DEMO), "x")).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void ownHashesStartOnAnyAddress() {
        assertThatCode(() -> DemoLogins.refuseOnReachableAddress("http.host", "0.0.0.0", "registry.file",
                Map.of("mine", OWN), "x")).doesNotThrowAnyException();
        assertThat(DemoLogins.isLoopback("0.0.0.0")).isFalse();
    }
}
