package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Reports tab (issue 21) in headless Chromium against the alert service on fresh topics: today's report counts a
 * level-2 alarm produced onto the real broker, fits a phone's width, and prints without the board's header.
 * Screenshots go to {@code deploy/target/screenshots/}.
 */
@Timeout(120)
class ReportsChromiumIT {

    private static final String PASSWORD = "reports-e2e";

    private final Vertx vertx = Vertx.vertx();
    private AlertServiceApp alerts;
    private WebDriver board;

    @AfterEach
    void stopEverything() {
        if (board != null) {
            board.quit();
        }
        if (alerts != null) {
            alerts.stop().await();
        }
        vertx.close().await();
    }

    @Test
    void todaysReportShowsTheAlarmOnADeskAndOnAPhoneAndPrintsWithoutTheBoard(@TempDir Path dir) throws Exception {
        AlertServiceOnTopics.Started started = AlertServiceOnTopics.start(vertx, dir, "reports-e2e", PASSWORD, Map.of(
                "commitments.required", "false", "influx.incidents", "false"));
        alerts = started.app();
        String alarms = started.alarmsTopic();
        Instant now = Instant.now();
        String key = TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE + "/" + TestRegistry.ENT_A_GAS + "/THRESHOLD";
        AlarmEvent raised = new AlarmEvent(AlarmEvent.SCHEMA, key, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE,
                TestRegistry.ENT_A_GAS, SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.SECOND,
                AlarmTransition.RAISED, 55, 50.0, "%LEL", "threshold:" + key, 1, now, now, now.plusMillis(250));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap())), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(alarms, key, Json.MAPPER.writeValueAsBytes(raised))).get();
        }

        board = Chromium.browser(dir.resolve("chromium"));
        Chromium.openBoard(board, alerts.httpPort(), "duty", PASSWORD);
        board.findElement(By.id("tab-reports")).click();
        new WebDriverWait(board, Duration.ofSeconds(30)).until(d -> {
            if (d.findElements(By.cssSelector("#report .target-value")).isEmpty()) {
                return null;
            }
            // the alarm may reach the report after the page first loads: the date picker reloads it
            String total = d.findElement(By.cssSelector("#report .target-value")).getText();
            if (!"1".equals(total)) {
                Chromium.js(d, "document.getElementById('report-date').dispatchEvent(new Event('change'))");
                return null;
            }
            return true;
        });
        assertThat(board.getCurrentUrl()).contains("#reports");
        assertThat(board.findElement(By.id("report-enterprises")).getText()).contains("1");
        assertThat(board.findElement(By.id("report-csv")).getAttribute("href")).contains("/api/reports/daily.csv");
        Chromium.screenshot(board, "reports-desk.png");

        board.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Thread.sleep(300);
        assertThat(((Number) Chromium.js(board, "return document.documentElement.scrollWidth - window.innerWidth"))
                .intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(1);
        Chromium.screenshot(board, "reports-phone.png");

        Map<?, ?> printed = (Map<?, ?>) ((org.openqa.selenium.chrome.ChromeDriver) board).executeCdpCommand(
                "Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(printed).isNotNull();
        assertThat(board.findElement(By.tagName("header")).isDisplayed()).as("printed without the board's header").isFalse();
        assertThat(board.findElement(By.id("report")).isDisplayed()).isTrue();
    }
}
