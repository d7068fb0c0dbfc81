package io.hazardwatch.streamjobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaConnectorsTest {

    /**
     * Detection fetches each reading as soon as it is in Kafka (Kafka's defaults); history waits for a fuller fetch,
     * but never longer than a quarter second. Either keeps the source's login.
     */
    @ParameterizedTest(name = "{0}: fetch.min.bytes={1}, fetch.max.wait.ms={2}")
    @CsvSource({"AT_ONCE, 1, 500", "BATCHED, 65536, 250"})
    void readingSourceFetchesAsItsJobNeeds(KafkaConnectors.Fetch fetch, String minBytes, String maxWaitMs) {
        Properties login = new Properties();
        login.setProperty("security.protocol", "SASL_PLAINTEXT");

        Properties props = fetch.addTo(login);

        assertEquals(minBytes, props.getProperty("fetch.min.bytes"));
        assertEquals(maxWaitMs, props.getProperty("fetch.max.wait.ms"));
        assertEquals("SASL_PLAINTEXT", props.getProperty("security.protocol"));
    }
}
