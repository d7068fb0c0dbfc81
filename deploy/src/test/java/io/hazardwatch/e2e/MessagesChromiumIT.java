package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Messages page (issue 21, ops) in real headless Chromium at a phone's width: the alert service on fresh topics
 * with its SMS channel served by the local outbox; an alarm produced onto the real broker escalates to the grid member,
 * and the page lists the message — recipient, channel, "local", its text — with its time in the park's zone (a park
 * in Europe/Berlin here, so the test fails if the browser's or UTC were used), the zone named once in the header.
 */
@Timeout(120)
class MessagesChromiumIT {

    private static final String PASSWORD = "messages-e2e";
    private static final ZoneId PARK = ZoneId.of("Europe/Berlin");

    private final Vertx vertx = Vertx.vertx();
    private AlertServiceApp alerts;
    private WebDriver board;

    @AfterEach
    void stopEverything() throws Exception {
        if (board != null) {
            board.quit();
        }
        if (alerts != null) {
            alerts.stop().await();
        }
        vertx.close().await();
    }

    @Test
    void anEscalatedAlarmsSmsShowsOnTheMessagesPageAsLocalInTheParksTimeZoneOnAPhone(@TempDir Path dir) throws Exception {
        String alarms = KafkaTestTopics.create("messages-e2e.alarms", 1);
        alerts = startAlertService(dir, alarms);
        Instant raised = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestEnv.kafkaBootstrap())), new StringSerializer(), new ByteArraySerializer())) {
            AlarmEvent gas = new AlarmEvent(AlarmEvent.SCHEMA, "threshold:ent-a/tank-1/lel-1", TestRegistry.ENT_A,
                    TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS, SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD,
                    AlarmLevel.FIRST, AlarmTransition.RAISED, 30, 25.0, "%LEL", "threshold:ent-a/tank-1/lel-1", 1,
                    raised, raised, raised);
            producer.send(new ProducerRecord<>(alarms, gas.alarmKey(), Json.toBytes(gas))).get(30, TimeUnit.SECONDS);
        }

        board = Chromium.browser(dir.resolve("chromium"), 390, 844);
        Chromium.openBoard(board, alerts.httpPort(), "duty", PASSWORD);
        WebElement zone = new WebDriverWait(board, Duration.ofSeconds(10)).until(d -> {
            WebElement z = d.findElement(By.id("zone"));
            return z.getText().isEmpty() ? null : z;
        });
        assertThat(zone.getText()).isEqualTo("时区 Europe/Berlin（UTC" + PARK.getRules().getOffset(Instant.now()) + "）");
        board.findElement(By.id("tab-messages")).click();

        WebElement row = new WebDriverWait(board, Duration.ofSeconds(30)).until(d -> d.findElements(
                By.cssSelector("#messages tr[data-channel='sms'][data-status='SENT']")).stream().findFirst().orElse(null));
        assertThat(board.getCurrentUrl()).endsWith("#messages");
        assertThat(row.getText()).contains("Member One", "sms · +8613800000001", "已发送", "本地", "Test Chemicals A", "lel-1");
        String shown = row.findElement(By.cssSelector("td")).getText();
        // the board writes "M-dd HH:mm:ss"; Berlin is an hour or two from UTC, the zone the test machine runs in
        String parkHour = DateTimeFormatter.ofPattern("M-dd HH:").format(raised.atZone(PARK));
        String utcHour = DateTimeFormatter.ofPattern("M-dd HH:").format(raised.atZone(ZoneId.of("UTC")));
        assertThat(shown).as("sent at the alarm, shown in the park's zone").contains(parkHour).doesNotContain(utcHour);
        // (headless Chromium keeps its window at least 500 px wide: the page's phone layout, below 600 px, is in use)
        assertThat(((Number) Chromium.js(board, "return document.documentElement.scrollWidth - window.innerWidth"))
                .intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        assertThat(board.findElement(By.cssSelector("#messages thead")).isDisplayed()).as("rows as cards").isFalse();
        Chromium.screenshot(board, "messages-phone.png");

        // filtered by a state it has none of: the page says so
        new org.openqa.selenium.support.ui.Select(board.findElement(By.id("msg-status"))).selectByValue("FAILED");
        new WebDriverWait(board, Duration.ofSeconds(10)).until(d -> d.findElements(By.id("msg-none")).isEmpty() ? null : true);
        board.findElement(By.id("lang")).click();
        new WebDriverWait(board, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("tab-messages")).getText()
                .equals("Messages") ? true : null);
        assertThat(board.findElement(By.id("zone")).getText()).startsWith("Time zone Europe/Berlin");
    }

    private AlertServiceApp startAlertService(Path dir, String alarms) throws Exception {
        String registry = Files.writeString(dir.resolve("registry.yaml"), TestRegistry.YAML).toString();
        Path users = Files.writeString(dir.resolve("users.yaml"), """
                users:
                  - {username: duty, role: DUTY_OFFICER, passwordHash: "%s"}
                """.formatted(Passwords.hash(PASSWORD)));
        Path policy = Files.writeString(dir.resolve("alerting.yaml"), """
                timezone: Europe/Berlin
                escalation:
                  steps:
                    - {role: GRID_MEMBER, after: PT0S}
                people:
                  - {id: member-1, name: Member One, channel: sms, address: "+8613800000001"}
                rotas:
                  - {role: GRID_MEMBER, cells: ["*"], shifts: [{person: member-1, from: "00:00", to: "00:00"}]}
                """);
        Map<String, String> settings = Map.ofEntries(
                Map.entry("alert.http.port", "0"), Map.entry("kafka.bootstrap", TestEnv.kafkaBootstrap()),
                Map.entry("registry.file", registry), Map.entry("alert.users.file", users.toString()),
                Map.entry("alert.policy.file", policy.toString()), Map.entry("topic.alarms", alarms),
                Map.entry("topic.incident-state", KafkaTestTopics.create("messages-e2e.incident-state", 1)),
                Map.entry("topic.incident-events", KafkaTestTopics.create("messages-e2e.incident-events", 1)),
                Map.entry("topic.heartbeats", KafkaTestTopics.create("messages-e2e.heartbeats", 1)),
                Map.entry("commitments.required", "false"), Map.entry("notify.local.channels", "sms"));
        AlertServiceApp app = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(settings))).await();
        app.loaded().await();
        return app;
    }
}
