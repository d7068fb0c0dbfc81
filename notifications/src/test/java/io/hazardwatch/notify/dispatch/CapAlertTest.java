package io.hazardwatch.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmLevel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class CapAlertTest {

    static final CapAlert.Sender SENDER = new CapAlert.Sender("duty-room@park.example", "Park emergency duty room",
            "Actual", "Restricted", "emergency dispatch only", ZoneId.of("Asia/Shanghai"));
    static final Instant STARTED = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant SENT = Instant.parse("2026-11-24T08:05:00Z");

    static DispatchEvent event(DispatchAction action, String eventId) {
        return new DispatchEvent(eventId, "hengda/tank-farm/nh3-01", action, STARTED, AlarmLevel.SECOND, "Env",
                "Ammonia leak", "NH3 2nd-level alarm at Hengda tank farm",
                "NH3 43 ppm > 40 ppm <tank T-3> & rising", "Hengda Fine Chemicals, tank farm");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS(CapAlert.NAMESPACE, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void aTriggerIsACap12AlertWithEveryRequiredElement() throws Exception {
        Document doc = parse(CapAlert.xml(event(DispatchAction.TRIGGER, "ev-1"), SENDER, SENT));

        Element alert = doc.getDocumentElement();
        assertThat(alert.getLocalName()).isEqualTo("alert");
        assertThat(alert.getNamespaceURI()).isEqualTo("urn:oasis:names:tc:emergency:cap:1.2");
        assertThat(text(alert, "identifier")).isEqualTo(DedupKey.of("hengda/tank-farm/nh3-01"));
        assertThat(text(alert, "sender")).isEqualTo("duty-room@park.example");
        assertThat(text(alert, "sent")).isEqualTo("2026-11-24T16:05:00+08:00");
        assertThat(text(alert, "status")).isEqualTo("Actual");
        assertThat(text(alert, "msgType")).isEqualTo("Alert");
        assertThat(text(alert, "scope")).isEqualTo("Restricted");
        assertThat(text(alert, "restriction")).isEqualTo("emergency dispatch only");
        assertThat(text(alert, "references")).isNull();
        Element info = (Element) alert.getElementsByTagNameNS(CapAlert.NAMESPACE, "info").item(0);
        assertThat(text(info, "category")).isEqualTo("Env");
        assertThat(text(info, "event")).isEqualTo("Ammonia leak");
        assertThat(text(info, "urgency")).isEqualTo("Immediate");
        assertThat(text(info, "severity")).isEqualTo("Severe");
        assertThat(text(info, "certainty")).isEqualTo("Observed");
        assertThat(text(info, "headline")).isEqualTo("NH3 2nd-level alarm at Hengda tank farm");
        assertThat(text(info, "description")).isEqualTo("NH3 43 ppm > 40 ppm <tank T-3> & rising");
        Element area = (Element) info.getElementsByTagNameNS(CapAlert.NAMESPACE, "area").item(0);
        assertThat(text(area, "areaDesc")).isEqualTo("Hengda Fine Chemicals, tank farm");
    }

    @Test
    void elementsComeInTheSchemaOrder() throws Exception {
        Element alert = parse(CapAlert.xml(event(DispatchAction.UPDATE, "ev-2"), SENDER, SENT)).getDocumentElement();

        StringBuilder order = new StringBuilder();
        for (var n = alert.getFirstChild(); n != null; n = n.getNextSibling()) {
            order.append(n.getLocalName()).append(' ');
        }
        assertThat(order.toString().trim()).isEqualTo(
                "identifier sender sent status msgType scope restriction references incidents info");
    }

    @Test
    void updatesAndCancelsReferenceTheFirstAlertOfTheIncident() throws Exception {
        Element update = parse(CapAlert.xml(event(DispatchAction.UPDATE, "ev-2"), SENDER, SENT)).getDocumentElement();
        Element cancel = parse(CapAlert.xml(event(DispatchAction.RESOLVE, "ev-3"), SENDER, SENT)).getDocumentElement();
        String dedup = DedupKey.of("hengda/tank-farm/nh3-01");

        assertThat(text(update, "msgType")).isEqualTo("Update");
        assertThat(text(update, "identifier")).isEqualTo(dedup + ".ev-2");
        assertThat(text(update, "references")).isEqualTo("duty-room@park.example," + dedup + ",2026-11-24T16:00:00+08:00");
        assertThat(text(cancel, "msgType")).isEqualTo("Cancel");
        assertThat(text(cancel, "references")).isEqualTo(text(update, "references"));
        assertThat(text(cancel, "urgency")).isEqualTo("Past");
    }

    @Test
    void sentTimesUseANumericOffsetEvenInUtc() throws Exception {
        CapAlert.Sender utc = new CapAlert.Sender("s", null, "Exercise", "Public", null, ZoneId.of("UTC"));

        Element alert = parse(CapAlert.xml(event(DispatchAction.TRIGGER, "e"), utc, SENT)).getDocumentElement();

        assertThat(text(alert, "sent")).isEqualTo("2026-11-24T08:05:00+00:00");
        assertThat(text(alert, "status")).isEqualTo("Exercise");
        assertThat(text(alert, "restriction")).isNull();
    }
}
