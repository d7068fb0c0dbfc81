package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The watchdog on the duty board in real headless Chromium: the alert service on fresh topics, the stages'
 * heartbeats produced onto the real broker as the gateway and the jobs send them. When the detection heartbeats
 * stop, the header's detection chip turns red within 30 s (and its system incident is listed); when they resume,
 * green again. (The whole-stack version, killing the real job, is another test.) Screenshots go to
 * {@code deploy/target/screenshots/}.
 */
@Timeout(180)
class WatchdogBoardChromiumIT {

    private static final String PASSWORD = "watchdog-e2e";
    private static final String DETECTION_INCIDENT = "hazardwatch/monitoring/detection/MONITORING";

    private final Vertx vertx = Vertx.vertx();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean detectionBeats = true;
    private KafkaProducer<String, byte[]> producer;
    private AlertServiceApp alerts;
    private WebDriver board;

    @AfterEach
    void stopEverything() throws Exception {
        beats.shutdownNow();
        if (board != null) {
            board.quit();
        }
        if (producer != null) {
            producer.close();
        }
        if (alerts != null) {
            alerts.stop().await();
        }
        vertx.close().await();
    }

    @Test
    void theHeaderShowsDetectionRedWithinThirtySecondsOfItsHeartbeatsStoppingAndGreenWhenTheyResume(@TempDir Path dir)
            throws Exception {
        String heartbeats = KafkaTestTopics.create("watchdog-e2e.heartbeats", 1);
        alerts = startAlertService(dir, heartbeats);
        beatEverySecond(heartbeats);
        board = Chromium.browser(dir.resolve("chromium"));
        Chromium.login(board, alerts.httpPort(), "duty", PASSWORD);

        // GIVEN every stage beating: five green chips
        new WebDriverWait(board, Duration.ofSeconds(30)).until(d -> d.findElements(
                By.cssSelector("#stages[data-stale='false'] li.stage[data-state='OK']")).size() == 5 ? true : null);
        assertThat(board.findElements(By.cssSelector("#stages li.stage"))).extracting(WebElement::getText)
                .containsExactly("网关", "Kafka", "检测", "历史库", "通知");
        assertThat(background(chip("DETECTION"))).isEqualTo("rgb(46, 125, 50)");
        Chromium.screenshot(board, "watchdog-all-ok.png");

        // WHEN the detection job's heartbeats stop
        detectionBeats = false;
        Instant stopped = Instant.now();

        // THEN within 30 s (and a tick) the detection chip is red, with the reason in its tooltip
        // the header re-renders its chips on every status push: a chip found a moment ago may be stale, so look again
        new WebDriverWait(board, Duration.ofSeconds(40)).ignoring(StaleElementReferenceException.class).until(d ->
                "DOWN".equals(chip("DETECTION").getAttribute("data-state")) ? true : null);
        Duration took = Duration.between(stopped, Instant.now());
        WebElement down = chip("DETECTION");
        assertThat(took).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(34));
        assertThat(down.getText()).isEqualTo("检测 · 中断");
        assertThat(background(down)).isEqualTo("rgb(211, 47, 47)");
        assertThat(down.getAttribute("title")).contains("no heartbeat since");
        assertThat(chip("GATEWAY").getAttribute("data-state")).isEqualTo("OK");
        WebElement row = new WebDriverWait(board, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("tr[data-alarm-key='" + DETECTION_INCIDENT + "'][data-level='SECOND']")).stream()
                .findFirst().orElse(null));
        assertThat(row.getText()).contains("监测中断", "二级报警");
        Chromium.screenshot(board, "watchdog-detection-down.png");

        // WHEN they resume THEN green again, and the system incident is cleared
        detectionBeats = true;
        new WebDriverWait(board, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(d ->
                "OK".equals(chip("DETECTION").getAttribute("data-state")) ? true : null);
        new WebDriverWait(board, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector(
                "tr[data-alarm-key='" + DETECTION_INCIDENT + "'][data-status='CLEARED_UNACKNOWLEDGED']")).size() == 1
                ? true : null);
        assertThat(background(chip("DETECTION"))).isEqualTo("rgb(46, 125, 50)");
        Chromium.screenshot(board, "watchdog-recovered.png");
    }

    private AlertServiceApp startAlertService(Path dir, String heartbeats) throws Exception {
        return AlertServiceOnTopics.start(vertx, dir, "watchdog-e2e", PASSWORD, Map.of("topic.heartbeats", heartbeats))
                .app();
    }

    /** As the gateway and the two jobs do (every second here, to keep the test short). */
    private void beatEverySecond(String topic) {
        producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new ByteArraySerializer());
        beats.scheduleAtFixedRate(() -> {
            Instant now = Instant.now();
            List<Heartbeat> all = List.of(
                    new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.GATEWAY, "127.0.0.1:1883", now, null, null, null, null),
                    new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.HISTORY, "history-0", now, now, null, null, null),
                    new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.DETECTION, "detection-0", now, now, 80L, null, null));
            for (Heartbeat heartbeat : all) {
                if (heartbeat.stage() != Heartbeat.Stage.DETECTION || detectionBeats) {
                    producer.send(new ProducerRecord<>(topic, heartbeat.key(), Json.toBytes(heartbeat)));
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    private WebElement chip(String stage) {
        return board.findElement(By.cssSelector("#stages li.stage[data-stage='" + stage + "']"));
    }

    private String background(WebElement element) {
        return element.getCssValue("background-color").replace("rgba", "rgb").replace(", 1)", ")");
    }
}
