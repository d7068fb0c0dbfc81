package io.hazardwatch.notify.dispatch;

import io.hazardwatch.model.AlarmLevel;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An OASIS CAP 1.2 {@code <alert>} for a dispatch event, built with the JDK's DOM so that any text is
 * escaped. The first message of an incident is an Alert whose identifier is the dedup key; updates and
 * cancels get {@code dedupKey.eventId} and reference the first.
 */
public final class CapAlert {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** CAP times carry a numeric offset; "Z" is not allowed. */
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** The sending side of every alert. */
    public record Sender(String sender, String senderName, String status, String scope, String restriction,
                         ZoneId zone) {
    }

    private CapAlert() {
    }

    public static String xml(DispatchEvent e, Sender from, Instant sent) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element alert = doc.createElementNS(NAMESPACE, "alert");
            doc.appendChild(alert);
            add(alert, "identifier", identifier(e));
            add(alert, "sender", from.sender());
            add(alert, "sent", time(sent, from.zone()));
            add(alert, "status", from.status());
            add(alert, "msgType", e.action().capMsgType());
            add(alert, "scope", from.scope());
            if ("Restricted".equals(from.scope())) {
                add(alert, "restriction", from.restriction());
            }
            if (e.action() != DispatchAction.TRIGGER) {
                add(alert, "references", from.sender() + "," + e.dedupKey() + ","
                        + time(e.incidentStarted(), from.zone()));
            }
            add(alert, "incidents", e.dedupKey());
            alert.appendChild(info(doc, e, from));
            return serialize(doc);
        } catch (ParserConfigurationException | TransformerException ex) {
            throw new IllegalStateException("the JDK's XML support failed", ex);
        }
    }

    static String identifier(DispatchEvent e) {
        return e.action() == DispatchAction.TRIGGER ? e.dedupKey() : e.dedupKey() + "." + e.eventId();
    }

    private static Element info(Document doc, DispatchEvent e, Sender from) {
        Element info = doc.createElementNS(NAMESPACE, "info");
        add(info, "language", "zh-CN");
        add(info, "category", e.category());
        add(info, "event", e.event());
        add(info, "urgency", e.action() == DispatchAction.RESOLVE ? "Past"
                : e.level() == AlarmLevel.SECOND ? "Immediate" : "Expected");
        add(info, "severity", e.action() == DispatchAction.RESOLVE ? "Minor"
                : e.level() == AlarmLevel.SECOND ? "Severe" : "Moderate");
        add(info, "certainty", "Observed");
        add(info, "senderName", from.senderName());
        add(info, "headline", e.headline());
        add(info, "description", e.description());
        Element area = doc.createElementNS(NAMESPACE, "area");
        add(area, "areaDesc", e.area());
        info.appendChild(area);
        return info;
    }

    private static void add(Element parent, String name, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Element child = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        child.setTextContent(text);
        parent.appendChild(child);
    }

    private static String time(Instant instant, ZoneId zone) {
        return CAP_TIME.format(instant.atZone(zone));
    }

    private static String serialize(Document doc) throws TransformerException {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.setOutputProperty(OutputKeys.INDENT, "no");
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
