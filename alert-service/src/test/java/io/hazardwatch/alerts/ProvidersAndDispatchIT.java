package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.hazardwatch.notify.dispatch.DedupKey;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.hazardwatch.notify.sms.AliyunRpcSignature;
import io.hazardwatch.testsupport.Cap12Structure;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code Main} builds it ({@link AlertServiceApp#start(Vertx, AlertServiceConfig)}: Kafka, and
 * the notifiers and dispatch client made from the {@code notify.*} settings), with Aliyun SMS, a WeCom robot
 * and the dispatch webhook pointed at local fakes. The provider classes' own tests check every signature and
 * failure mode; this checks that the running service reaches them with their documented requests.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProvidersAndDispatchIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    /** Test-only values; real credentials only ever come from the environment. */
    private static final String SMS_KEY_SECRET = "test-aliyun-secret";
    private static final String WECOM_KEY = "test-wecom-key";
    private static final String DISPATCH_SECRET = "test-dispatch-secret";

    /** Member on SMS at once; two leaders (WeCom, and Feishu, which is not configured) at once; dispatch after 1 s. */
    private static final String POLICY = """
            timezone: Asia/Shanghai
            escalation:
              steps:
                - {role: GRID_MEMBER, after: PT0S}
                - {role: GRID_LEADER, after: PT0S}
                - {role: DISPATCH, after: PT1S}
                - {role: SQUAD, after: PT1H}
              remindEvery: PT1H
              maxReminders: 1
            retry: {first: PT0.2S, max: PT1S, attempts: 3}
            stormWindow: PT0S
            people:
              - {id: member-1, name: Member One, channel: sms, address: "+8613800000001"}
              - {id: leader-1, name: Leader One, channel: wecom, address: leaders}
              - {id: leader-f, name: Leader Feishu, channel: feishu, address: leaders}
              - {id: squad, name: Squad, channel: sms, address: "+8613800000009"}
            rotas:
              - {role: GRID_MEMBER, cells: [grid-1], shifts: [{person: member-1, from: "00:00", to: "00:00"}]}
              - role: GRID_LEADER
                cells: [grid-1]
                shifts: [{person: leader-1, from: "00:00", to: "00:00"}, {person: leader-f, from: "00:00", to: "00:00"}]
              - {role: SQUAD, cells: ["*"], shifts: [{person: squad, from: "00:00", to: "00:00"}]}
            """;

    private Vertx vertx;
    private Path dir;
    private WebClient web;
    private KafkaProducer<String, byte[]> producer;
    private RecordingServer sms;
    private RecordingServer wecom;
    private RecordingServer dispatch;

    @BeforeEach
    void fakes(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        this.dir = dir;
        web = WebClient.create(vertx);
        producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer());
        sms = RecordingServer.aliyunSms(vertx);
        wecom = RecordingServer.start(vertx, (n, response) -> response.putHeader("Content-Type", "application/json")
                .end("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        // the first dispatch request finds the receiver busy (retry in 2 s: the retry's CAP <sent> is another second)
        dispatch = RecordingServer.start(vertx, (n, response) -> {
            if (n == 1) {
                response.setStatusCode(503).putHeader("Retry-After", "2").end("busy");
            } else {
                response.setStatusCode(202).end();
            }
        });
    }

    @AfterEach
    void close() {
        producer.close();
        sms.close();
        wecom.close();
        dispatch.close();
    }

    private AlertServiceConfig config() {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap", TestEnv.kafkaBootstrap());
        settings.put("topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1));
        settings.put("topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1));
        settings.put("topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1));
        settings.putAll(sms.aliyunSmsSettings(SMS_KEY_SECRET));
        settings.put("notify.sms.template-params", "{\"level\":\"${levelName}\",\"enterprise\":\"${enterprise}\",\"sensor\":\"${sensor}\",\"value\":\"${value}\",\"line\":\"${line}\",\"token\":\"${token}\"}");
        settings.put("notify.wecom.robots", "leaders");
        settings.put("notify.wecom.robot.leaders.token", WECOM_KEY);
        settings.put("notify.wecom.endpoint", wecom.url());
        settings.put("notify.dispatch.url", dispatch.url() + "/hazardwatch/dispatch");
        settings.put("notify.dispatch.secret", DISPATCH_SECRET);
        settings.put("notify.dispatch.format", "cap");
        return TestFiles.config(dir, POLICY, settings);
    }

    @Test
    void escalationStepsReachTheConfiguredProvidersAndDispatchIsTriggeredUpdatedAndResolvedUnderOneKey()
            throws Exception {
        AlertServiceConfig config = config();
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));
        Await.result(app.loaded());
        String id = Incident.idOf(GAS_KEY, T0);

        // WHEN a first-level gas alarm is raised
        send(config, gas(RAISED, FIRST, 30, 25.0, T0, T0));

        // THEN the grid member gets an Aliyun SendSms, signed, with the notification id as OutId
        RecordingServer.Request text = awaitRequests(sms, r -> r.size() == 1).get(0);
        assertThat(text.method()).isEqualTo("POST");
        assertThat(text.path()).isEqualTo("/");
        Map<String, String> form = text.form();
        assertThat(form).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("AccessKeyId", "test-key-id").containsEntry("PhoneNumbers", "8613800000001")
                .containsEntry("SignName", "HazardWatch").containsEntry("TemplateCode", "SMS_000001")
                .containsEntry("OutId", id + "/step-0/member-1");
        // the template's variables (issue 21): the registry's names, the value and the line, the link's token
        JsonObject params = new JsonObject(form.get("TemplateParam"));
        assertThat(params.getString("level")).isEqualTo("一级预警");
        assertThat(params.getString("enterprise")).isEqualTo("Test Chemicals A");
        assertThat(params.getString("sensor")).isEqualTo("tank-1 可燃气体 lel-1");
        assertThat(params.getString("value")).isEqualTo("30 %LEL");
        assertThat(params.getString("line")).isEqualTo("超过一级预警值 25 %LEL");
        assertThat(params.getString("token")).hasSize(35);
        Map<String, String> unsigned = new LinkedHashMap<>(form);
        String signature = unsigned.remove("Signature");
        assertThat(signature).isEqualTo(AliyunRpcSignature.sign("POST", unsigned, SMS_KEY_SECRET));

        // AND the grid leader's WeCom robot gets a card with the leader's acknowledge link, the robot key in the query
        RecordingServer.Request robot = awaitRequests(wecom, r -> r.size() == 1).get(0);
        assertThat(robot.path()).isEqualTo("/cgi-bin/webhook/send");
        assertThat(robot.query().get("key")).isEqualTo(WECOM_KEY);
        JsonObject message = new JsonObject(robot.body());
        assertThat(message.getString("msgtype")).isEqualTo("template_card");
        JsonObject card = message.getJsonObject("template_card");
        assertThat(card.getString("sub_title_text")).contains("Test Chemicals A", "tank-1 可燃气体 lel-1");
        assertThat(card.getJsonObject("card_action").getString("url")).contains("/ack/");

        // AND dispatch is triggered after its delay, refused once with 503 and retried until accepted
        List<RecordingServer.Request> triggers = awaitRequests(dispatch, r -> r.size() == 2);
        assertThat(triggers).allSatisfy(r -> assertThat(r.headers().get("X-HW-Event-Action")).isEqualTo("trigger"));
        assertThat(triggers.get(1).headers().get("Idempotency-Key"))
                .isEqualTo(triggers.get(0).headers().get("Idempotency-Key")).isEqualTo(id + "/dispatch/TRIGGER");
        awaitDelivery(app, id + "/dispatch/TRIGGER", "SENT");

        // WHEN the alarm rises to level 2, clears, and the duty officer closes the incident
        send(config, gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(30)));
        awaitRequests(dispatch, r -> r.size() == 3);
        // the leaders were the last rung told: WeCom hears about the second level, Feishu has no notifier
        RecordingServer.Request rise = awaitRequests(wecom, r -> r.size() == 2).get(1);
        assertThat(new JsonObject(rise.body()).getJsonObject("template_card").getJsonObject("main_title")
                .getString("title")).startsWith("【升级】【二级报警】");
        send(config, gas(CLEARED, NONE, 5, 25.0, T0, T0.plusSeconds(90)));
        awaitRequests(dispatch, r -> r.size() == 4);
        awaitStatus(app, id, "CLEARED_UNACKNOWLEDGED");
        HttpResponse<Buffer> closed = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents/" + id + "/close")
                .basicAuthentication("duty", TestFiles.PASSWORD)
                .sendJsonObject(new JsonObject().put("action", "leak sealed, area ventilated")));
        assertThat(closed.statusCode()).isEqualTo(200);

        // THEN dispatch got trigger, update (level 2), update (cleared), resolve (closed), one dedup key, all signed
        List<RecordingServer.Request> all = awaitRequests(dispatch, r -> r.size() == 5);
        assertThat(all).extracting(r -> r.headers().get("X-HW-Event-Action"))
                .containsExactly("trigger", "trigger", "update", "update", "resolve");
        assertThat(all).extracting(r -> r.headers().get("X-HW-Dedup-Key")).containsOnly(DedupKey.of(id));
        List<String> events = all.stream().map(r -> r.headers().get("Idempotency-Key")).toList();
        assertThat(events.subList(1, 5)).as("one event id per message, the same on a retry").doesNotHaveDuplicates()
                .doesNotContainNull();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/hazardwatch/dispatch");
            assertThat(r.headers().get("Content-Type")).startsWith("application/xml");
            assertThat(WebhookSignature.verifyEvent(DISPATCH_SECRET, r.headers().get("X-HW-Timestamp"),
                    r.headers().get("Idempotency-Key"), r.body(), r.headers().get("X-HW-Signature"))).isTrue();
            assertThat(r.body()).contains("urn:oasis:names:tc:emergency:cap:1.2", "<incidents>" + DedupKey.of(id) + "<");
        });
        assertThat(all).extracting(r -> r.body().replaceAll("(?s).*<msgType>(\\w+)</msgType>.*", "$1"))
                .containsExactly("Alert", "Alert", "Update", "Update", "Cancel");
        // AND every message has CAP 1.2's structure (the gap: not the official XSD, see Cap12Structure), and the updates
        // and the cancel reference the trigger by the sent time of the one dispatch accepted (the retry), not the first
        assertThat(all).allSatisfy(r -> assertThat(Cap12Structure.violations(r.body())).as(r.body()).isEmpty());
        assertThat(sentOf(all.get(1).body())).isNotEqualTo(sentOf(all.get(0).body()));
        String acceptedTrigger = "hazardwatch," + DedupKey.of(id) + "," + sentOf(all.get(1).body());
        assertThat(all.subList(2, 5)).allSatisfy(r -> assertThat(Cap12Structure.references(r.body()))
                .containsExactly(acceptedTrigger));
        awaitDelivery(app, id + "/dispatch/RESOLVE", "SENT");

        // AND every message went out once; the channel without a provider shows FAILED with the reason
        JsonArray deliveries = deliveries(app);
        assertThat(delivery(deliveries, id + "/dispatch/TRIGGER").getInteger("attempts")).isEqualTo(2);
        JsonObject feishu = delivery(deliveries, id + "/step-1/leader-f");
        assertThat(feishu.getString("status")).isEqualTo("FAILED");
        assertThat(feishu.getString("lastError")).isEqualTo("no notifier configured for channel 'feishu'");
        Thread.sleep(1000);
        assertThat(sms.requests()).hasSize(1);
        assertThat(wecom.requests()).hasSize(2);
        assertThat(dispatch.requests()).hasSize(5);
        Await.result(app.stop());
    }

    private static String sentOf(String cap) {
        return cap.replaceAll("(?s).*<sent>([^<]+)</sent>.*", "$1");
    }

    private void send(AlertServiceConfig config, AlarmEvent event) throws Exception {
        producer.send(new ProducerRecord<>(config.alarmsTopic(), event.alarmKey(), Json.toBytes(event)))
                .get(30, TimeUnit.SECONDS);
    }

    private static List<RecordingServer.Request> awaitRequests(RecordingServer server,
                                                               Predicate<List<RecordingServer.Request>> done)
            throws InterruptedException {
        return Await.until(() -> {
            List<RecordingServer.Request> seen = server.requests();
            return done.test(seen) ? seen : null;
        }, () -> server.requests().toString());
    }

    private JsonArray deliveries(AlertServiceApp app) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/deliveries")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
    }

    private static JsonObject delivery(JsonArray deliveries, String id) {
        return deliveries.stream().map(o -> ((JsonObject) o).getJsonObject("delivery"))
                .filter(d -> d.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery " + id + " in " + deliveries.encode()));
    }

    private void awaitDelivery(AlertServiceApp app, String id, String status) throws InterruptedException {
        Await.until(() -> deliveries(app).stream().map(o -> ((JsonObject) o).getJsonObject("delivery"))
                        .anyMatch(d -> d.getString("id").equals(id) && d.getString("status").equals(status)) ? true : null,
                () -> deliveries(app).encode());
    }

    private void awaitStatus(AlertServiceApp app, String id, String status) throws InterruptedException {
        Await.until(() -> {
            HttpResponse<Buffer> r = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + id)
                    .basicAuthentication("duty", TestFiles.PASSWORD).send());
            return r.statusCode() == 200 && status.equals(r.bodyAsJsonObject().getString("status")) ? true : null;
        }, () -> status);
    }
}
