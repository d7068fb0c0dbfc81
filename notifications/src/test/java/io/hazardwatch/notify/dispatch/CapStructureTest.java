package io.hazardwatch.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.testsupport.Cap12Structure;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Our CAP messages against the structure of OASIS CAP 1.2. The gap: not against the official XSD, which no artifact
 * reachable from this build bundles (see {@link Cap12Structure}); the checker is shown to refuse what the XSD refuses.
 */
class CapStructureTest {

    private static final Instant SENT = Instant.parse("2026-11-24T08:05:07Z");

    @Test
    void triggerUpdateAndCancelFollowTheCap12Structure() {
        for (DispatchAction action : DispatchAction.values()) {
            String xml = CapAlert.xml(CapAlertTest.event(action, "ev-" + action), CapAlertTest.SENDER, SENT);
            assertThat(Cap12Structure.violations(xml)).as(action + ": " + xml).isEmpty();
        }
        CapAlert.Sender open = new CapAlert.Sender("hw", null, "Test", "Public", null, ZoneId.of("UTC"));
        assertThat(Cap12Structure.violations(CapAlert.xml(CapAlertTest.event(DispatchAction.UPDATE, "e"), open, SENT)))
                .isEmpty();
    }

    @Test
    void theCheckerRefusesWhatTheSchemaRefuses() {
        String good = CapAlert.xml(CapAlertTest.event(DispatchAction.UPDATE, "ev-2"), CapAlertTest.SENDER, SENT);

        assertThat(Cap12Structure.violations(good.replace("<msgType>Update</msgType>", "<msgType>Upd</msgType>")))
                .anySatisfy(p -> assertThat(p).contains("msgType", "not one of"));
        assertThat(Cap12Structure.violations(good.replace("2026-11-24T16:05:07+08:00", "2026-11-24T08:05:07Z")))
                .anySatisfy(p -> assertThat(p).contains("alert/sent"));
        assertThat(Cap12Structure.violations(good.replaceAll("<restriction>[^<]*</restriction>", "")))
                .anySatisfy(p -> assertThat(p).contains("restriction"));
        String swapped = good.replaceAll("(<status>[^<]*</status>)(<msgType>[^<]*</msgType>)", "$2$1");
        assertThat(Cap12Structure.violations(swapped)).isNotEmpty();
        assertThat(Cap12Structure.violations(good.replaceAll("<certainty>[^<]*</certainty>", "")))
                .anySatisfy(p -> assertThat(p).contains("certainty is required"));
        assertThat(Cap12Structure.violations(good.replaceAll("<references>([^,]*),", "<references>$1;")))
                .anySatisfy(p -> assertThat(p).contains("references"));
        assertThat(Cap12Structure.violations(good.replace("urn:oasis:names:tc:emergency:cap:1.2", "urn:cap:1.1")))
                .isNotEmpty();
    }

    @Test
    void aServiceWritesCapTimesInItsParksZoneWhateverTheModulesDefault() {
        DispatchConfig config = new DispatchConfig("https://dispatch.example/hw",
                io.hazardwatch.notify.config.Secret.of("s"), "cap", CapAlertTest.SENDER, java.time.Duration.ofSeconds(5));

        DispatchConfig berlin = config.inZone(ZoneId.of("Europe/Berlin"));

        assertThat(berlin.cap().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.cap().sender()).isEqualTo(CapAlertTest.SENDER.sender());
        assertThat(CapAlert.xml(CapAlertTest.event(DispatchAction.TRIGGER, "e"), berlin.cap(), SENT))
                .contains("<sent>2026-11-24T09:05:07+01:00</sent>");
    }
}
