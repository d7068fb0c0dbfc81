package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The duty-room board in real headless Chromium (Debian's chromium and chromedriver, driven by Selenium) on
 * the whole stack: a leak published over MQTT reaches the board of a duty officer and of a grid member; the
 * duty officer acknowledges it with a click and the grid member's board shows the change; the alarm's detail
 * draws the sensor's readings from InfluxDB; the park map colours the enterprise. Screenshots of the list,
 * the detail and the map go to {@code deploy/target/screenshots/}. When the alert service restarts, both boards show
 * the lost connection, reconnect by themselves and show the alarm raised while it was down.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardChromiumIT {

    private static final String PASSWORD = "board-e2e";
    private static final String GAS_KEY = "ent-a/tank-1/lel-1/THRESHOLD";
    /** The test registry with a park plan: ent-a in grid-1, ent-b in grid-2. */
    private static final String REGISTRY = TestRegistry.YAML
            .replace("    gridCell: grid-1\n", "    gridCell: grid-1\n    position: {x: 220, y: 180}\n"
                    // GB 18218: S = 30/10 = 3, R = 2.0 · 2 · 3 = 12 → level 3
                    + "    majorHazards:\n      - unit: ammonia tanks\n        peopleWithin500m: 150\n"
                    + "        substances:\n          - {name: ammonia, quantity: 30, criticalQuantity: 10, beta: 2}\n")
            .replace("    gridCell: grid-2\n", "    gridCell: grid-2\n    position: {x: 640, y: 260}\n")
            + """
            gridCells:
              - {id: grid-1, name: 一号网格 Grid 1, x: 0, y: 0, width: 420, height: 400}
              - {id: grid-2, name: 二号网格 Grid 2, x: 420, y: 0, width: 420, height: 400}
            """;

    private static LocalStack stack;
    private static WebDriver duty;
    private static WebDriver gridMember;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String incidentId;

    @BeforeAll
    static void startTheStackAndTwoBoards(@TempDir Path dir) throws Exception {
        String hash = Passwords.hash(PASSWORD);
        stack = LocalStack.start(dir, "board-e2e", REGISTRY, """
                users:
                  - {username: duty, role: DUTY_OFFICER, passwordHash: "%1$s"}
                  - {username: grid1, role: GRID_STAFF, gridCells: [grid-1], passwordHash: "%1$s"}
                """.formatted(hash), "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n",
                // issue 16: the boards' logins are signed with it, so they outlive the restart below
                Map.of("alert.board.session-secret", "board-e2e-session-secret-0123456789abcdef"));
        duty = Chromium.browser(dir.resolve("chromium-duty"));
        gridMember = Chromium.browser(dir.resolve("chromium-grid1"));
        open(duty, "duty");
        open(gridMember, "grid1");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (WebDriver driver : new WebDriver[] {duty, gridMember}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aLeakPublishedOverMqttAppearsOnBothBoardsAndAnAcknowledgementByClickReachesTheOtherBoard() throws Exception {
        warmUpTheJob();
        // the browsers record when the row first appears, so the polling of this test adds no delay
        for (WebDriver board : List.of(duty, gridMember)) {
            Chromium.js(board, """
                    window.__seen = null;
                    new MutationObserver((m, o) => {
                      if (document.querySelector('tr[data-alarm-key="%s"]')) { window.__seen = Date.now(); o.disconnect(); }
                    }).observe(document.getElementById('alarm-rows'), {childList: true});""".formatted(GAS_KEY));
        }
        AtomicReference<Long> onApi = new AtomicReference<>();
        Thread apiWatch = new Thread(() -> {
            while (onApi.get() == null && !Thread.currentThread().isInterrupted()) {
                if (activeAlarmOnApi()) {
                    onApi.set(System.currentTimeMillis());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "api-watch");
        apiWatch.setDaemon(true);
        apiWatch.start();

        long published = publishLeak();

        WebElement row = new WebDriverWait(duty, Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-alarm-key='" + GAS_KEY + "'][data-level='SECOND']")));
        new WebDriverWait(gridMember, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-alarm-key='" + GAS_KEY + "']")));
        LocalStack.await(Duration.ofSeconds(5), () -> Optional.ofNullable(onApi.get()));
        apiWatch.interrupt();
        long seenByDuty = ((Number) Chromium.js(duty, "return window.__seen")).longValue();
        long seenByGrid = ((Number) Chromium.js(gridMember, "return window.__seen")).longValue();
        System.out.printf("board latency: first reading published -> duty board %d ms, -> grid board %d ms, "
                        + "on the API -> duty board %d ms%n", seenByDuty - published, seenByGrid - published,
                seenByDuty - onApi.get());
        // the board's own share: on the board within 2 s of the service having it (no polling lag); the whole
        // way from MQTT is typically well under a second here, but bounded loosely on a shared machine
        assertThat(seenByDuty - onApi.get()).isLessThanOrEqualTo(2000);
        assertThat(seenByGrid - onApi.get()).isLessThanOrEqualTo(2000);
        assertThat(seenByDuty - published).isLessThanOrEqualTo(5000);

        incidentId = row.getAttribute("data-incident-id");
        assertThat(row.getAttribute("data-status")).isEqualTo("RAISED");
        assertThat(row.getAttribute("class")).contains("flash");
        assertThat(row.getText()).contains("Test Chemicals A · 三级重大危险源", "grid-1", "tank-1 / lel-1", "二级报警", "未确认");
        // a new level-2 alarm sounds (WebAudio; autoplay allowed for the test)
        assertThat(Integer.parseInt(String.valueOf(Chromium.js(duty, "return document.body.dataset.soundCount || '0'"))))
                .isGreaterThanOrEqualTo(1);
        Chromium.screenshot(duty, "alarm-list.png");

        duty.findElement(By.cssSelector("tr[data-incident-id='" + incidentId + "'] button.ack")).click();

        By acknowledged = By.cssSelector("tr[data-incident-id='" + incidentId + "'][data-status='ACKNOWLEDGED']");
        new WebDriverWait(gridMember, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(acknowledged));
        WebElement onDutyBoard = new WebDriverWait(duty, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(acknowledged));
        assertThat(onDutyBoard.getAttribute("class")).doesNotContain("flash");
        assertThat(gridMember.findElement(acknowledged).getText()).contains("已确认");
        Chromium.screenshot(gridMember, "second-board-acknowledged.png");
        JsonNode stored = Json.MAPPER.readTree(api("/api/incidents/" + incidentId));
        assertThat(stored.at("/acknowledged/by").asText()).isEqualTo("duty");
    }

    @Test
    @Order(2)
    void theDetailShowsTheSensorsLastHourFromInfluxDbWithItsThresholdsAndHistory() {
        duty.findElement(By.cssSelector("tr[data-incident-id='" + incidentId + "'] button.open-detail")).click();
        try {
            assertTheDetail();
        } finally {
            duty.findElement(By.id("detail-close")).click();
        }
    }

    private static void assertTheDetail() {
        WebElement chart = new WebDriverWait(duty, Duration.ofSeconds(20)).until(d -> {
            WebElement c = d.findElement(By.id("chart"));
            String points = c.getAttribute("data-points");
            return points != null && Integer.parseInt(points) >= 8 ? c : null;
        });
        assertThat(chart.getAttribute("data-thresholds")).contains("firstHigh", "secondHigh");
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        WebElement detail = duty.findElement(By.id("detail"));
        new WebDriverWait(duty, Duration.ofSeconds(10)).until(d -> detail.getText().contains("已确认") ? true : null);
        assertThat(detail.findElements(By.cssSelector(".timeline li[data-type='ACKNOWLEDGED']"))).isNotEmpty();
        assertThat(detail.findElements(By.cssSelector(".timeline li[data-type='RAISED']"))).isNotEmpty();
        Chromium.screenshot(duty, "alarm-detail.png");
    }

    @Test
    @Order(3)
    void theParkMapColoursTheEnterpriseAndListsItOverTheAlarmLine() {
        duty.findElement(By.id("tab-map")).click();

        WebElement marker = new WebDriverWait(duty, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("g.marker[data-enterprise='ent-a'][data-colour='ORANGE']")));
        assertThat(marker.getAttribute("data-over-alarm-line")).isEqualTo("true");
        assertThat(marker.getAttribute("data-hazard-level")).isEqualTo("3");
        assertThat(marker.findElement(By.cssSelector("text.marker-hazard")).getText()).isEqualTo("三级重大危险源");
        assertThat(duty.findElement(By.cssSelector("g.marker[data-enterprise='ent-b']")).getAttribute("data-colour"))
                .isEqualTo("BLUE");
        assertThat(duty.findElement(By.id("over-alarm-line")).getText()).contains("Test Chemicals A");
        assertThat(duty.findElements(By.cssSelector("g.cell"))).hasSize(2);
        Chromium.screenshot(duty, "park-map.png");

        // the grid member's plan has its own cell only
        gridMember.findElement(By.id("tab-map")).click();
        new WebDriverWait(gridMember, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("g.marker[data-enterprise='ent-a']")));
        assertThat(gridMember.findElements(By.cssSelector("g.marker[data-enterprise='ent-b']"))).isEmpty();

        // click-through: the marker filters the list to the enterprise
        marker.click();
        new WebDriverWait(duty, Duration.ofSeconds(5)).until(d -> "list".equals(
                d.findElement(By.tagName("body")).getAttribute("data-view")) ? true : null);
        assertThat(duty.findElement(By.id("f-enterprise")).getAttribute("value")).isEqualTo("ent-a");
        assertThat(duty.findElements(By.cssSelector("#alarm-rows tr"))).allSatisfy(
                tr -> assertThat(tr.getAttribute("data-enterprise")).isEqualTo("ent-a"));
    }

    @Test
    @Order(4)
    void theLabelsSwitchToEnglish() {
        duty.findElement(By.id("lang")).click();

        assertThat(duty.findElement(By.id("tab-list")).getText()).isEqualTo("Alarms");
        assertThat(duty.findElement(By.cssSelector("tr[data-incident-id='" + incidentId + "']")).getText())
                .contains("Level 2 alarm", "Acknowledged");
        Chromium.screenshot(duty, "alarm-list-en.png");
        duty.findElement(By.id("lang")).click();
        assertThat(duty.findElement(By.id("tab-list")).getText()).isEqualTo("报警列表");
    }

    @Test
    @Order(5)
    void withFiveHundredActiveAlarmsAndFiftyNewOnesASecondThePageKeepsDrawing() {
        duty.findElement(By.id("f-clear")).click();
        // synthetic board rows applied in the page (the same code path as the stream's alarm events), 500 at once and
        // then 50 a second for 5 s, while the page measures the longest gap between two animation frames
        Object result = ((JavascriptExecutor) duty).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const t0 = Date.now();
                let longest = 0, last = performance.now(), frames = 0, running = true;
                (function tick(now) { if (!running) return; longest = Math.max(longest, now - last); last = now; frames++;
                  requestAnimationFrame(tick); })(performance.now());
                let n = 0;
                const event = (i) => ({ id: 'load-ent~dev-' + (i % 40) + '~s-' + i + '~THRESHOLD~' + (t0 - i * 1000),
                  status: 'RAISED', version: 1, active: true, awaitsAcknowledgement: true, commentCount: 0,
                  alarm: { alarmKey: 'load-ent/dev-' + (i % 40) + '/s-' + i + '/THRESHOLD', level: i % 5 === 0 ? 'SECOND' : 'FIRST',
                    enterprise: 'load-ent', gridCell: null, device: 'dev-' + (i % 40), sensor: 's-' + i, sensorType: 'AMMONIA',
                    alarmType: 'THRESHOLD', value: 30 + (i % 20), threshold: 25, unit: 'ppm', ruleId: 'r', ruleVersion: 1,
                    raisedAt: new Date(t0 - i * 1000).toISOString(), lastUpdate: new Date().toISOString() } });
                for (; n < 500; n++) { window.hwBoard.applyAlarm(event(n)); }
                let seconds = 0;
                const timer = setInterval(() => {
                  for (let k = 0; k < 50; k++, n++) { window.hwBoard.applyAlarm(event(n)); }
                  if (++seconds === 5) {
                    clearInterval(timer);
                    setTimeout(() => { running = false;
                      done({ rows: window.hwBoard.rowCount(), rendered: window.hwBoard.renderedRows(),
                             longestFrameGapMs: Math.round(longest), frames, ms: Date.now() - t0 }); }, 500);
                  }
                }, 1000);
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> load = (Map<String, Object>) result;
        System.out.println("board under load: " + load);
        assertThat(((Number) load.get("rows")).intValue()).isGreaterThanOrEqualTo(750);
        assertThat(((Number) load.get("rendered")).intValue()).isGreaterThanOrEqualTo(750);
        // generous: a shared 2-core machine; a frozen page would show gaps of seconds
        assertThat(((Number) load.get("longestFrameGapMs")).longValue()).isLessThan(1500);
        Chromium.screenshot(duty, "alarm-list-under-load.png");
    }

    @Test
    @Order(6)
    void whenTheAlertServiceRestartsBothBoardsShowTheLossReconnectAndShowWhatWasRaisedMeanwhile() throws Exception {
        String temperatureKey = "ent-a/tank-1/temp-1/THRESHOLD";
        int dutyResumes = resumes(duty);
        int gridResumes = resumes(gridMember);
        assertThat(duty.findElements(By.cssSelector("#alarm-rows tr[data-enterprise='load-ent']"))).isNotEmpty();

        stack.restartAlertService(() -> {
            for (WebDriver board : List.of(duty, gridMember)) {
                new WebDriverWait(board, Duration.ofSeconds(20)).until(d -> "live".equals(connectionState(d)) ? null : true);
                // the warning follows the connection indicator within seconds, not at the next 10 s health check
                new WebDriverWait(board, Duration.ofSeconds(5)).until(d -> feedWarning(d).isDisplayed() ? true : null);
            }
            Chromium.screenshot(duty, "connection-lost.png");
            // above the temperature sensor's first level (60 degC), raised by the job while no board can hear it
            publish(TestRegistry.ENT_A_TEMP, new double[] {20, 65, 66, 67, 68},
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5));
            List<ConsumerRecord<String, byte[]>> raised = KafkaTestTopics.readUntil(stack.alarmsTopic(),
                    records -> records.stream().anyMatch(r -> temperatureKey.equals(r.key())), Duration.ofSeconds(90));
            assertThat(raised).as("the job raised the temperature alarm").anyMatch(r -> temperatureKey.equals(r.key()));
        });

        // the new service re-admits the boards' signed session cookies (same secret, issue 16): still logged in, each
        // board resumes its stream and shows what was raised meanwhile
        for (WebDriver board : List.of(duty, gridMember)) {
            new WebDriverWait(board, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-alarm-key='" + temperatureKey + "'][data-status='RAISED']")));
            new WebDriverWait(board, Duration.ofSeconds(10)).until(d -> "live".equals(connectionState(d)) ? true : null);
            // and it does not outlive the outage
            new WebDriverWait(board, Duration.ofSeconds(5)).until(d -> feedWarning(d).isDisplayed() ? null : true);
            assertThat(board.getCurrentUrl()).as("still logged in").doesNotContain("login.html");
        }
        assertThat(resumes(duty)).isGreaterThan(dutyResumes);
        assertThat(resumes(gridMember)).isGreaterThan(gridResumes);
        // the acknowledged leak is still there; the rows only this page had made up (the load test's) are gone,
        // since the new service's snapshot does not know them
        assertThat(duty.findElement(By.cssSelector("tr[data-incident-id='" + incidentId + "']"))
                .getAttribute("data-status")).isEqualTo("ACKNOWLEDGED");
        new WebDriverWait(duty, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("#alarm-rows tr[data-enterprise='load-ent']")).isEmpty() ? true : null);
        Chromium.screenshot(duty, "reconnected.png");
    }

    @Test
    @Order(7)
    void whenTheDetectionJobDiesTheHeaderShowsDetectionDownWithinThirtySecondsAndGreenAfterItsRestart() throws Exception {
        // GIVEN the whole stack running: the gateway, both jobs and the alert service all reporting
        new WebDriverWait(duty, Duration.ofSeconds(90)).until(d -> d.findElements(
                By.cssSelector("#stages[data-stale='false'] li.stage[data-state='OK']")).size() == 5 ? true : null);

        // WHEN the jobs' process dies
        Instant killed = Instant.now();
        stack.stopJobs();

        // THEN within 30 s (and a tick) the duty room sees detection down, and a system incident is open
        new WebDriverWait(duty, Duration.ofSeconds(45)).until(d -> stageIs(d, "DETECTION", "DOWN"));
        assertThat(Duration.between(killed, Instant.now())).isLessThanOrEqualTo(Duration.ofSeconds(35));
        new WebDriverWait(duty, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(
                "tr[data-alarm-key='hazardwatch/monitoring/detection/MONITORING'][data-level='SECOND']")).isEmpty()
                ? null : true);
        Chromium.screenshot(duty, "job-killed-detection-down.png");

        // WHEN the jobs are started again THEN detection is green again by itself
        stack.startJobs();
        new WebDriverWait(duty, Duration.ofSeconds(120)).until(d -> stageIs(d, "DETECTION", "OK"));
        Chromium.screenshot(duty, "job-restarted-detection-ok.png");
    }

    /**
     * Whether the header shows {@code stage} in {@code state}, null if not (yet). One query: the header redraws its
     * chips on every monitoring event, so an element found first and read after may be gone (stale) in between.
     */
    private static Boolean stageIs(WebDriver board, String stage, String state) {
        return board.findElements(By.cssSelector("#stages li.stage[data-stage='" + stage + "'][data-state='" + state
                + "']")).isEmpty() ? null : true;
    }

    // ---- helpers --------------------------------------------------------------------------------------


    private static void open(WebDriver board, String user) {
        Chromium.openBoard(board, stack.alertPort(), user, PASSWORD);
    }

    private static String connectionState(WebDriver board) {
        return board.findElement(By.id("connection")).getAttribute("data-state");
    }

    private static WebElement feedWarning(WebDriver board) {
        return board.findElement(By.id("feed-warning"));
    }

    /** How often the page has resumed its stream after losing it. */
    private static int resumes(WebDriver board) {
        return Integer.parseInt(String.valueOf(Chromium.js(board, "return document.body.dataset.resumes || '0'")));
    }

    /** A harmless reading first, so that the Flink job is known to be running before the leak is timed. */
    private static void warmUpTheJob() throws Exception {
        publish(TestRegistry.ENT_A_GAS, new double[] {2}, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30));
        LocalStack.await(Duration.ofSeconds(120), () -> {
            JsonNode count = stack.influxQuery("SELECT count(value) FROM reading WHERE sensor='lel-1'")
                    .at("/results/0/series/0/values/0/1");
            return count.isMissingNode() ? Optional.empty() : Optional.of(count);
        });
    }

    /** The leak of EndToEndIT; returns when the last reading was published (epoch ms). */
    private static long publishLeak() throws Exception {
        double[] leak = {4, 9, 18, 27, 36, 44, 52, 58};
        return publish(TestRegistry.ENT_A_GAS, leak, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(leak.length));
    }

    private static long publish(String sensor, double[] values, Instant start) throws Exception {
        return stack.publish(sensor, values, start);
    }

    private static boolean activeAlarmOnApi() {
        try {
            for (JsonNode alarm : Json.MAPPER.readTree(api("/api/alarms/active"))) {
                if (alarm.get("alarmKey").asText().equals(GAS_KEY) && alarm.get("level").asText().equals("SECOND")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static String api(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.alertPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("duty:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

}
