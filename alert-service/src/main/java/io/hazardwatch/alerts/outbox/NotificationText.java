package io.hazardwatch.alerts.outbox;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.outbox.OutgoingNotification.Item;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Recipient;
import io.hazardwatch.notify.dispatch.DispatchAction;
import io.hazardwatch.notify.dispatch.DispatchEvent;
import io.hazardwatch.alerts.acklink.AckLinks;
import io.hazardwatch.alerts.outbox.text.AlarmWords;
import io.hazardwatch.alerts.outbox.text.Language;
import io.hazardwatch.alerts.outbox.text.Names;
import io.hazardwatch.alerts.outbox.text.SmsVars;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The text of a notification in the recipient's language (Chinese unless their {@code language} is {@code en}): the
 * registry's names, the value and the line it crossed, the place, the time in the park's time zone, and the person's
 * own acknowledge link; short enough for an SMS, with the SMS template's variables clipped to the providers' limits.
 * The emergency dispatch message ({@link #dispatchEvent}) stays as the dispatch centre reads it.
 */
public final class NotificationText {

    private final Names names;
    private final ZoneId zone;
    private final Map<String, Language> languages;
    private final AckLinks links;
    private final String boardUrl;

    /**
     * @param languages person id → language (people and enterprise contacts of the policy); others read Chinese
     * @param links     issues the acknowledge links; null = none
     * @param boardUrl  the board's public address for the feedback requests' links; null = none
     */
    public NotificationText(Names names, ZoneId zone, Map<String, Language> languages, AckLinks links, String boardUrl) {
        this.names = names;
        this.zone = zone;
        this.languages = Map.copyOf(languages);
        this.links = links;
        this.boardUrl = boardUrl;
    }

    /** Without names, links or languages (ids, Chinese, Asia/Shanghai): tests of the outbox. */
    public static NotificationText plain(String boardUrl) {
        return new NotificationText(Names.none(), ZoneId.of("Asia/Shanghai"), Map.of(), null, boardUrl);
    }

    /** Each person's language: the policy's people and the enterprises' contacts. */
    public static Map<String, Language> languagesOf(io.hazardwatch.alerts.policy.AlertingPolicy policy) {
        Map<String, Language> languages = new java.util.HashMap<>();
        policy.enterpriseContacts().values().forEach(list -> list.forEach(p -> languages.put(p.id(), p.messageLanguage())));
        policy.people().forEach(p -> languages.put(p.id(), p.messageLanguage()));
        return languages;
    }

    public Notification of(OutgoingNotification outgoing) {
        Recipient recipient = new Recipient(outgoing.recipient(), outgoing.channel(), outgoing.address());
        Item first = outgoing.items().get(0);
        AlarmLevel level = outgoing.items().stream().map(i -> i.incident().alarm().level())
                .max(Enum::compareTo).orElse(AlarmLevel.FIRST);
        if (outgoing.channel().equals(io.hazardwatch.alerts.escalation.EscalationPlanner.DISPATCH_CHANNEL)) {
            String action = first.delivery().purpose().substring("dispatch/".length());
            return new Notification(outgoing.notificationId(), first.incident().id(), recipient, level, action,
                    line(first.incident().alarm()));
        }
        String person = personOf(first);
        Language language = person == null ? Language.ZH : languages.getOrDefault(person, Language.ZH);
        if (outgoing.items().size() > 1) {
            return grouped(outgoing, recipient, level, language);
        }
        String purpose = first.delivery().purpose();
        if (purpose.equals(Feedback.REQUEST_PURPOSE) || purpose.startsWith(Feedback.OVERDUE_PURPOSE)) {
            return feedback(outgoing, recipient, level, first.incident(), purpose, language);
        }
        return alarm(outgoing, recipient, level, first, person, language);
    }

    /** One incident to a person on the escalation: what, where, when, and their own acknowledge link. */
    private Notification alarm(OutgoingNotification outgoing, Recipient recipient, AlarmLevel level, Item item,
                               String person, Language language) {
        AlarmWords w = words(item.incident(), language);
        String purpose = item.delivery().purpose();
        String prefix = purpose.contains("reminder") ? w.say("reminder")
                : purpose.startsWith(io.hazardwatch.alerts.escalation.EscalationPlanner.LEVEL_RISE) ? w.say("raised") : "";
        String token = links == null || person == null ? null : links.token(item.incident().id(), person);
        StringBuilder body = new StringBuilder(w.statement());
        if (!w.place().isEmpty()) {
            body.append('\n').append(w.say("place")).append(w.place());
        }
        body.append('\n').append(w.say("time")).append(w.time());
        body.append('\n').append(token == null ? w.say("board") : w.say("ack") + links.url(token));
        return new Notification(outgoing.notificationId(), item.incident().id(), recipient, level,
                prefix + w.headline(), body.toString(),
                token == null ? null : new Notification.Link(links.url(token), w.say("button")), SmsVars.of(w, token));
    }

    /** Several incidents of one enterprise in a storm: one line each, acknowledged on the board. */
    private Notification grouped(OutgoingNotification outgoing, Recipient recipient, AlarmLevel level, Language language) {
        StringBuilder body = new StringBuilder();
        AlarmWords first = null;
        for (Item item : outgoing.items()) {
            AlarmWords w = words(item.incident(), language);
            first = first == null ? w : first;
            body.append(w.tag()).append(w.statement()).append(w.say("comma")).append(w.shortTime()).append('\n');
        }
        String n = Integer.toString(outgoing.items().size());
        body.append(first.say("group.footer", "n", n));
        return new Notification(outgoing.notificationId(), outgoing.items().get(0).incident().id(), recipient, level,
                first.say("group", "enterprise", first.enterprise(), "n", n), body.toString(), null,
                SmsVars.of(first, null));
    }

    /** Asks an enterprise for its answer (with the deadlines and a link to the board), or tells the grid it is overdue. */
    private Notification feedback(OutgoingNotification outgoing, Recipient recipient, AlarmLevel level,
                                  Incident incident, String purpose, Language language) {
        AlarmWords w = words(incident, language);
        String link = boardUrl == null ? "" : "\n" + boardUrl + "#incident/" + incident.id();
        boolean request = purpose.equals(Feedback.REQUEST_PURPOSE);
        String ask = request ? w.say("feedback.due.body", "confirm", w.fullTime(incident.feedback().confirmBy()),
                "report", w.fullTime(incident.feedback().reportBy()))
                : w.say("feedback.overdue.body", "enterprise", w.enterprise());
        return new Notification(outgoing.notificationId(), incident.id(), recipient, level,
                w.say("tag", "x", w.say(request ? "feedback.due" : "feedback.overdue")) + w.headline(),
                w.statement() + "\n" + w.say("time") + w.time() + "\n" + ask + link, null, SmsVars.of(w, null));
    }

    private AlarmWords words(Incident incident, Language language) {
        return new AlarmWords(incident.alarm(), names, language, zone);
    }

    /** The person a delivery goes to: its id is {@code <incident>/<purpose>/<person id>}; null for other ids. */
    static String personOf(Item item) {
        String prefix = item.incident().id() + "/" + item.delivery().purpose() + "/";
        String id = item.delivery().id();
        return id.startsWith(prefix) && id.length() > prefix.length() ? id.substring(prefix.length()) : null;
    }

    /**
     * The emergency dispatch message of an outgoing dispatch notification (always one item): the outbox id is the event id, the
     * incident id the incident key (so its dedup key is the same for trigger, update and resolve).
     */
    public static DispatchEvent dispatchEvent(OutgoingNotification outgoing) {
        Item item = outgoing.items().get(0);
        Incident incident = item.incident();
        DeliveryRecord d = item.delivery();
        DispatchAction action = DispatchAction.valueOf(d.purpose().substring("dispatch/".length()));
        ActiveAlarm a = incident.alarm();
        // an update references the trigger by the sent time the accepted trigger carried (not its queued time)
        Instant triggered = incident.deliveries().stream().filter(x -> x.purpose().equals("dispatch/TRIGGER"))
                .map(x -> x.sentAt() != null ? x.sentAt() : x.queuedAt()).findFirst().orElse(incident.openedAt());
        String event = (a.sensorType() == null ? a.alarmType() : describe(a.sensorType())) + " " + label(a.level());
        String area = a.enterprise() + ", " + a.device() + (a.gridCell() == null ? "" : " (grid " + a.gridCell() + ")");
        return new DispatchEvent(d.id(), incident.id(), action, triggered,
                a.level() == AlarmLevel.NONE ? AlarmLevel.FIRST : a.level(),
                category(a.sensorType()), event,
                label(a.level()) + " " + a.enterprise() + " " + a.device() + "/" + a.sensor(), line(a), area);
    }

    /** CAP category: a gas reading means a release to the environment; anything else is plant safety. */
    private static String category(SensorType type) {
        return type == null || type == SensorType.TEMPERATURE || type == SensorType.DUST_CONCENTRATION
                ? "Safety" : "Env";
    }

    private static String describe(SensorType type) {
        return type.name().toLowerCase().replace('_', ' ');
    }

    private static String line(ActiveAlarm a) {
        if (io.hazardwatch.alerts.watchdog.SystemAlarms.isSystem(a)) {
            return label(a.level()) + " " + io.hazardwatch.alerts.watchdog.SystemAlarms.headline(a)
                    + (a.gridCell() == null ? "" : ", grid " + a.gridCell());
        }
        return label(a.level()) + " " + a.alarmType() + " " + a.enterprise() + " " + a.device() + "/" + a.sensor() + ": "
                + a.value() + (a.unit() == null ? "" : " " + a.unit())
                + (a.threshold() == null ? "" : " (set point " + a.threshold() + ")") + " since " + a.raisedAt()
                + (a.gridCell() == null ? "" : ", grid " + a.gridCell());
    }

    private static String label(AlarmLevel level) {
        return level == AlarmLevel.SECOND ? "[L2 ALARM]" : "[L1 warning]";
    }
}
