package io.hazardwatch.testsupport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a CAP 1.2 {@code <alert>} against the structure the OASIS standard (CAP-v1.2-os, section 3.2 and its
 * schema) requires: the namespace, every element in its place in the sequence, how often each may occur, the value
 * lists, the dateTime form with a numeric offset, the characters identifiers may use, the {@code references} triples
 * and the conditional elements (restriction for Restricted, addresses for Private).
 *
 * <p>THE GAP: this is not the official XSD. No artifact on Maven Central reachable here bundles OASIS'
 * {@code CAP-v1.2.xsd} (Google's {@code com.google.publicalerts.cap:cap-library} is not on Central), and the build
 * may not add dependencies; so the rules of the standard's text are written out here, element by element. Replace
 * this class with {@code javax.xml.validation} against the official schema once an artifact with it is allowed.
 */
public final class Cap12Structure {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** The schema's pattern for every CAP time: numeric offset, never "Z", no fractions. */
    private static final Pattern DATE_TIME = Pattern.compile("\\d\\d\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d");
    /** Identifiers and senders: no spaces, commas or the restricted characters {@code <} and {@code &}. */
    private static final Pattern NO_SEPARATORS = Pattern.compile("[^\\s,<&]+");

    /** One element of a sequence: its name, how often it occurs, and the values it may have (null = any text). */
    private record Part(String name, int min, int max, List<String> values, Pattern pattern) {
        static Part one(String name) {
            return new Part(name, 1, 1, null, null);
        }

        static Part optional(String name) {
            return new Part(name, 0, 1, null, null);
        }

        static Part many(String name, int min) {
            return new Part(name, min, Integer.MAX_VALUE, null, null);
        }

        Part values(String... allowed) {
            return new Part(name, min, max, List.of(allowed), pattern);
        }

        Part pattern(Pattern p) {
            return new Part(name, min, max, values, p);
        }
    }

    private static final List<Part> ALERT = List.of(
            Part.one("identifier").pattern(NO_SEPARATORS), Part.one("sender").pattern(NO_SEPARATORS),
            Part.one("sent").pattern(DATE_TIME), Part.one("status").values("Actual", "Exercise", "System", "Test", "Draft"),
            Part.one("msgType").values("Alert", "Update", "Cancel", "Ack", "Error"), Part.optional("source"),
            Part.one("scope").values("Public", "Restricted", "Private"), Part.optional("restriction"),
            Part.optional("addresses"), Part.many("code", 0), Part.optional("note"), Part.optional("references"),
            Part.optional("incidents"), Part.many("info", 0));
    private static final List<Part> INFO = List.of(
            Part.optional("language"), Part.many("category", 1).values("Geo", "Met", "Safety", "Security", "Rescue", "Fire",
                    "Health", "Env", "Transport", "Infra", "CBRNE", "Other"),
            Part.one("event"), Part.many("responseType", 0).values("Shelter", "Evacuate", "Prepare", "Execute", "Avoid",
                    "Monitor", "Assess", "AllClear", "None"),
            Part.one("urgency").values("Immediate", "Expected", "Future", "Past", "Unknown"),
            Part.one("severity").values("Extreme", "Severe", "Moderate", "Minor", "Unknown"),
            Part.one("certainty").values("Observed", "Likely", "Possible", "Unlikely", "Unknown"),
            Part.optional("audience"), Part.many("eventCode", 0), Part.optional("effective").pattern(DATE_TIME),
            Part.optional("onset").pattern(DATE_TIME), Part.optional("expires").pattern(DATE_TIME),
            Part.optional("senderName"), Part.optional("headline"), Part.optional("description"),
            Part.optional("instruction"), Part.optional("web"), Part.optional("contact"), Part.many("parameter", 0),
            Part.many("resource", 0), Part.many("area", 0));
    private static final List<Part> AREA = List.of(Part.one("areaDesc"), Part.many("polygon", 0), Part.many("circle", 0),
            Part.many("geocode", 0), Part.optional("altitude"), Part.optional("ceiling"));
    private static final Map<String, List<Part>> NESTED = Map.of("info", INFO, "area", AREA);

    private Cap12Structure() {
    }

    /** Every way {@code xml} breaks the standard's structure; empty when it is a well-formed CAP 1.2 alert. */
    public static List<String> violations(String xml) {
        List<String> problems = new ArrayList<>();
        Element alert;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            alert = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            return List.of("not well-formed XML: " + e.getMessage());
        }
        if (!"alert".equals(alert.getLocalName()) || !NAMESPACE.equals(alert.getNamespaceURI())) {
            return List.of("the root must be {" + NAMESPACE + "}alert, was {" + alert.getNamespaceURI() + "}"
                    + alert.getLocalName());
        }
        sequence(alert, ALERT, "alert", problems);
        String scope = text(alert, "scope");
        if ("Restricted".equals(scope) && text(alert, "restriction") == null) {
            problems.add("alert: scope Restricted needs a restriction");
        }
        if ("Private".equals(scope) && text(alert, "addresses") == null) {
            problems.add("alert: scope Private needs addresses");
        }
        String references = text(alert, "references");
        if (references != null) {
            for (String triple : references.trim().split("\\s+")) {
                String[] parts = triple.split(",", -1);
                if (parts.length != 3 || !NO_SEPARATORS.matcher(parts[0]).matches()
                        || !NO_SEPARATORS.matcher(parts[1]).matches() || !DATE_TIME.matcher(parts[2]).matches()) {
                    problems.add("alert/references: '" + triple + "' is not sender,identifier,sent");
                }
            }
        }
        return problems;
    }

    /** The {@code references} of an alert, as "sender,identifier,sent" triples (empty if none). */
    public static List<String> references(String xml) {
        String all = xml.replaceAll("(?s).*<references>([^<]*)</references>.*", "$1");
        return all.equals(xml) ? List.of() : List.of(all.trim().split("\\s+"));
    }

    private static void sequence(Element parent, List<Part> parts, String path, List<String> problems) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) n);
            } else if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
                problems.add(path + ": text outside any element: '" + n.getTextContent().trim() + "'");
            }
        }
        int at = 0;
        for (Part part : parts) {
            int count = 0;
            while (at < children.size() && part.name().equals(children.get(at).getLocalName())
                    && NAMESPACE.equals(children.get(at).getNamespaceURI())) {
                check(children.get(at), part, path + "/" + part.name(), problems);
                count++;
                at++;
            }
            if (count < part.min()) {
                problems.add(path + ": " + part.name() + " is required here");
            }
            if (count > part.max()) {
                problems.add(path + ": " + part.name() + " may occur at most " + part.max() + " time(s)");
            }
        }
        if (at < children.size()) {
            Element stray = children.get(at);
            problems.add(path + ": {" + stray.getNamespaceURI() + "}" + stray.getLocalName()
                    + " is out of order or not part of CAP 1.2");
        }
    }

    private static void check(Element element, Part part, String path, List<String> problems) {
        List<Part> nested = NESTED.get(part.name());
        if (nested != null) {
            sequence(element, nested, path, problems);
            return;
        }
        String value = element.getTextContent();
        if (value.isBlank() && !part.name().equals("description")) {
            problems.add(path + " is empty");
        }
        if (part.values() != null && !part.values().contains(value)) {
            problems.add(path + ": '" + value + "' is not one of " + part.values());
        }
        if (part.pattern() != null && !part.pattern().matcher(value).matches()) {
            problems.add(path + ": '" + value + "' does not have the form CAP requires");
        }
    }

    private static String text(Element alert, String name) {
        var nodes = alert.getElementsByTagNameNS(NAMESPACE, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
