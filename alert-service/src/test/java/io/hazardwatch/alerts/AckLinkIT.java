package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.acklink.AckToken;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledging from the message (issue 21) against the real service on the Kafka store: a level-2 alarm's message,
 * captured by a local provider stub, carries the person's signed link; the link's page needs no login; one POST
 * acknowledges the incident as that person "via link"; a second use, an expired, a tampered and a foreign token are
 * refused with the page's JSON (410/403), and the token opens nothing else. Too many requests from one address: 429.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AckLinkIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    private static final String SECRET = "it-secret-it-secret-it-secret-it-secret";
    private static final Pattern LINK = Pattern.compile("https://board\\.example\\.org/hw/ack/([A-Za-z0-9_-]{35})");

    private Vertx vertx;
    private AlarmTopic alarms;
    private WebClient web;
    private ProviderFake provider;
    private AlertServiceConfig config;

    @BeforeEach
    void freshTopics(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1),
                "alert.board.public-url", "https://board.example.org/hw/",
                "alert.ack.secret", SECRET,
                "alert.board.session-secret", "ack-link-it-session-secret-of-32-chars+",
                "alert.ack.per-minute", "20"));
        alarms = new AlarmTopic(config.kafkaBootstrap(), config.alarmsTopic());
        web = WebClient.create(vertx);
        provider = ProviderFake.start(vertx);
    }

    @AfterEach
    void close() {
        alarms.close();
        provider.close();
    }

    @Test
    void aLevelTwoAlarmIsAcknowledgedOnceFromTheLinkInItsMessageAndBadLinksAreRefused() throws Exception {
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, new AlarmEventConsumer(
                config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()), new KafkaIncidentStore(vertx, config.kafkaBootstrap(),
                config.incidentStateTopic(), config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
        // GIVEN a level-2 ammonia alarm at ent-b (grid-2: member-2) and a level-1 gas warning at ent-a (member-1)
        alarms.send(ammonia(RAISED, SECOND, 60, 50.0, T0, T0));
        alarms.send(gas(RAISED, FIRST, 30, 25.0, T0, T0));
        String id = Incident.idOf(NH3_KEY, T0);
        String other = Incident.idOf(GAS_KEY, T0);

        // THEN member-2's message reads in Chinese with the registry's name and carries member-2's own link
        ProviderFake.Received message = Await.until(() -> provider.to("member-2").isEmpty() ? null
                : provider.to("member-2").get(0), () -> provider.received().toString());
        String body = message.body().getString("body");
        assertThat(message.body().getString("subject")).isEqualTo("【二级报警】Test Cold Store B room-1 氨气");
        assertThat(body).contains("Test Cold Store B room-1 氨气 nh3-1：60 ppm，超过二级报警值 50 ppm", "地点：grid-2");
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        String token = link.group(1);

        // WHEN the link is opened without a login: the one-tap page, and (JSON) the incident's headline
        HttpResponse<Buffer> page = Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack/" + token).send());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString()).contains("id=\"ack-button\"", "id=\"ack-result\"", "../ack-page/ack.js");
        JsonObject shown = json(app, token);
        assertThat(shown.getString("state")).isEqualTo("open");
        assertThat(shown.getString("language")).isEqualTo("zh");
        assertThat(shown.getString("headline")).isEqualTo("【二级报警】Test Cold Store B room-1 氨气");
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack-page/ack.js").send()).statusCode()).isEqualTo(200);

        // AND tapped: the incident is acknowledged as member-2, via the link
        HttpResponse<Buffer> tapped = post(app, token);
        assertThat(tapped.statusCode()).as(tapped.bodyAsString()).isEqualTo(200);
        assertThat(tapped.bodyAsJsonObject().getString("state")).isEqualTo("acknowledged");
        assertThat(tapped.bodyAsJsonObject().getString("acknowledgedBy")).isEqualTo("member-2 via link");
        JsonObject incident = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + id)
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
        assertThat(incident.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(incident.getJsonObject("acknowledged").getString("by")).isEqualTo("member-2 via link");

        // THEN a second use is refused, and so is the page
        HttpResponse<Buffer> again = post(app, token);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.bodyAsJsonObject().getString("state")).isEqualTo("used");
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack/" + token).send()).statusCode()).isEqualTo(410);

        // AND an expired, a tampered and a foreign link to the other incident are refused; it stays unacknowledged
        String expired = AckToken.sign(SECRET.getBytes(StandardCharsets.UTF_8), other, "member-1", Instant.now().minusSeconds(1));
        HttpResponse<Buffer> late = post(app, expired);
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.bodyAsJsonObject().getString("state")).isEqualTo("expired");
        String valid = AckToken.sign(SECRET.getBytes(StandardCharsets.UTF_8), other, "member-1", Instant.now().plusSeconds(3600));
        // a character inside the MAC, not the last one: the last of the 35 carries 2 padding bits, and changing only
        // those (A <-> B, C <-> D) left the token valid, a 1-in-16 flake
        String tampered = valid.substring(0, 30) + (valid.charAt(30) == 'A' ? 'B' : 'A') + valid.substring(31);
        HttpResponse<Buffer> forged = post(app, tampered);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.bodyAsJsonObject().getString("state")).isEqualTo("invalid");
        assertThat(forged.bodyAsJsonObject().getString("headline")).as("a bad link tells nothing").isNull();
        String foreign = AckToken.sign("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), other, "member-1",
                Instant.now().plusSeconds(3600));
        assertThat(post(app, foreign).statusCode()).isEqualTo(403);
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack/" + tampered).send()).statusCode()).isEqualTo(403);
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + other)
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject().getString("status"))
                .isEqualTo("RAISED");

        // AND the link is no login: the API still asks for one, and the page's folder serves its own files only
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + other).send()).statusCode())
                .isEqualTo(401);
        assertThat(Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack-page/openapi.yaml").send()).statusCode())
                .isEqualTo(404);

        // AND too many requests from one address are refused for a while (20 a minute here)
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack/" + tampered).send()).statusCode());
        }
        assertThat(statuses).contains(429);
        Await.result(app.stop());
    }

    private JsonObject json(AlertServiceApp app, String token) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/ack/" + token).putHeader("Accept", "application/json")
                .send()).bodyAsJsonObject();
    }

    private HttpResponse<Buffer> post(AlertServiceApp app, String token) {
        return Await.result(web.post(app.httpPort(), "127.0.0.1", "/ack/" + token).putHeader("Accept", "application/json")
                .send());
    }
}
