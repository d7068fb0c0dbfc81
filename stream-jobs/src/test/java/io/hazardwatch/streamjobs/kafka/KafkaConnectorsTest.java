package io.hazardwatch.streamjobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConnectorsTest {

    private static Properties withLogin() {
        Properties props = new Properties();
        props.setProperty("security.protocol", "SASL_PLAINTEXT");
        return props;
    }

    @Test
    void detectionFetchesEachReadingAsSoonAsItIsInKafka() {
        Properties props = KafkaConnectors.Fetch.AT_ONCE.addTo(withLogin());

        assertEquals("1", props.getProperty("fetch.min.bytes"));
        assertEquals("500", props.getProperty("fetch.max.wait.ms"));
        assertEquals("SASL_PLAINTEXT", props.getProperty("security.protocol"));
    }

    @Test
    void historyWaitsForAFullerFetchButNotLongerThanAQuarterSecond() {
        Properties props = KafkaConnectors.Fetch.BATCHED.addTo(withLogin());

        assertEquals("65536", props.getProperty("fetch.min.bytes"));
        assertEquals("250", props.getProperty("fetch.max.wait.ms"));
        assertEquals("SASL_PLAINTEXT", props.getProperty("security.protocol"));
    }
}
