package io.hazardwatch.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A registry check (production mode's) refuses a registry at start-up, and a reloaded one keeps the last good. */
@Timeout(30)
class RegistryWatcherTest {

    /** Refuses any registry with the login "intruder", as production mode refuses a demo login. */
    private static final UnaryOperator<Registry> NO_INTRUDER = r -> {
        if (r.principal("intruder").isPresent()) {
            throw new RegistryException("registry.file: login(s) intruder refused");
        }
        return r;
    };

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** The test registry with one more gateway login of ent-b. */
    private static String withLogin(String username) {
        String line = TestRegistry.YAML.lines().filter(l -> l.contains("{username: ent-b-gw,")).findFirst().orElseThrow();
        String indent = line.substring(0, line.indexOf('-'));
        return TestRegistry.YAML.replace(line, indent + "- {username: " + username + ", passwordHash: \""
                + TestRegistry.PASSWORD_HASH + "\"}\n" + line);
    }

    @Test
    void aRegistryTheCheckRefusesStopsStartUp() throws Exception {
        Path file = Files.writeString(dir.resolve("registry.yaml"), withLogin("intruder"));

        assertThatThrownBy(() -> new RegistryWatcher(vertx, file, NO_INTRUDER))
                .isInstanceOf(RegistryException.class).hasMessageContaining("intruder refused");
    }

    @Test
    void aReloadedRegistryTheCheckRefusesIsNotTakenAndTheNextGoodOneIs() throws Exception {
        Path file = TestRegistry.write(dir);
        RegistryWatcher watcher = new RegistryWatcher(vertx, file, NO_INTRUDER);
        watcher.start(Duration.ofMillis(100));

        Files.writeString(file, withLogin("intruder"));
        Thread.sleep(1_000);
        assertThat(watcher.get().principal("intruder")).isEmpty();
        assertThat(watcher.get().principal(TestRegistry.ENT_B_USER)).isPresent();

        Files.writeString(file, withLogin("newcomer"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (watcher.get().principal("newcomer").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(watcher.get().principal("newcomer")).isPresent();
        watcher.stop();
    }
}
