package io.hazardwatch.model.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientAuthTest {

    @TempDir
    Path dir;

    private Path ingestFile() throws Exception {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(file, """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ingest" password="s3cret-Pw";
                """);
        return file;
    }

    @Test
    void addsTheFilesSettingsToAClientsProperties() throws Exception {
        KafkaClientAuth auth = KafkaClientAuth.from(Settings.of(Map.of(KafkaClientAuth.KEY, ingestFile().toString())));

        Properties props = auth.addTo(new Properties());
        Map<String, Object> config = auth.addTo(new HashMap<String, Object>());

        assertEquals("SASL_PLAINTEXT", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertTrue(((String) config.get("sasl.jaas.config")).contains("username=\"ingest\""));
        assertEquals("ingest", auth.principal());
    }

    @Test
    void aBlankKeyMeansTheFileTheEnvironmentNamesAndNoneAddsNothing() {
        // deploy/test.sh names the admin's file in HW_KAFKA_CLIENT_PROPERTIES: the same answer either way
        KafkaClientAuth auth = KafkaClientAuth.from(Settings.of(Map.of(KafkaClientAuth.KEY, " ")));

        assertEquals(KafkaClientAuth.fromEnvironment(), auth);
        assertTrue(KafkaClientAuth.none().addTo(new Properties()).isEmpty());
    }

    @Test
    void noneForcesPlaintextWhateverTheEnvironmentNames() {
        KafkaClientAuth auth = KafkaClientAuth.from(Settings.of(Map.of(KafkaClientAuth.KEY, KafkaClientAuth.PLAINTEXT)));

        assertFalse(auth.enabled());
        assertEquals(KafkaClientAuth.none(), auth);
    }

    @Test
    void aMissingFileStopsStartupNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaClientAuth.from(
                Settings.of(Map.of(KafkaClientAuth.KEY, dir.resolve("absent.properties").toString()))));

        assertTrue(e.getMessage().startsWith(KafkaClientAuth.KEY + ": cannot read"), e.getMessage());
    }

    @Test
    void aFileWithoutSecurityProtocolIsRefused() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "sasl.mechanism=SCRAM-SHA-512\n");

        ConfigException e = assertThrows(ConfigException.class, () -> KafkaClientAuth.load(file, KafkaClientAuth.KEY));

        assertTrue(e.getMessage().contains("security.protocol"), e.getMessage());
    }

    @Test
    void itsDescriptionNamesTheUserButNeverThePassword() throws Exception {
        String text = KafkaClientAuth.load(ingestFile(), KafkaClientAuth.KEY).toString();

        assertTrue(text.contains("SCRAM-SHA-512 as ingest"), text);
        assertFalse(text.contains("s3cret-Pw"), text);
    }
}
