package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The duty tab (值班, issue 21) in real headless Chromium on the alert service alone: the outgoing officer hands over on
 * the desktop board; the incoming one, on a phone, sees the pending hand-over with its notes and acknowledges it. The
 * shift began 30 minutes ago, so the unacknowledged hand-over is flagged in the header until then. Screenshots go to
 * {@code deploy/target/screenshots/}.
 */
@Timeout(120)
class DutyChromiumIT {

    private static final String PASSWORD = "duty-e2e";
    private static final ZoneId PARK = ZoneId.of("Asia/Shanghai");

    private final Vertx vertx = Vertx.vertx();
    private AlertServiceApp alerts;
    private WebDriver desk;
    private WebDriver phone;

    @AfterEach
    void stopEverything() throws Exception {
        if (desk != null) {
            desk.quit();
        }
        if (phone != null) {
            phone.quit();
        }
        if (alerts != null) {
            alerts.stop().await();
        }
        vertx.close().await();
    }

    @Test
    void theIncomingOfficerAcknowledgesTheHandoverOnAPhoneAndTheHeaderFlagGoes(@TempDir Path dir) throws Exception {
        alerts = startAlertService(dir);

        // GIVEN the outgoing officer at the desk writes the hand-over
        desk = Chromium.browser(dir.resolve("desk"));
        Chromium.openBoard(desk, alerts.httpPort(), "duty", PASSWORD);
        desk.findElement(By.id("tab-duty")).click();
        loaded(desk);
        WebElement notes = desk.findElement(By.id("handover-notes"));
        assertThat(desk.findElement(By.cssSelector("#duty-now .duty-officer")).getText()).isEqualTo("duty2");
        assertThat(desk.findElement(By.cssSelector("#duty-now .duty-leader")).getText()).isEqualTo("张主任");
        notes.sendKeys("泵 P-3 检修中");
        desk.findElement(By.id("handover-submit")).click();
        WebElement pending = wait(desk).until(d -> d.findElements(By.id("handover-pending")).stream().findFirst().orElse(null));
        assertThat(pending.getText()).contains("泵 P-3 检修中", "未关闭报警 0 起");
        assertThat(desk.findElements(By.id("handover-ack"))).as("not for its author").isEmpty();
        assertThat(desk.findElement(By.id("handover-flag")).isDisplayed()).isTrue();
        Chromium.screenshot(desk, "duty-handover-written.png");

        // WHEN the incoming officer opens the duty tab on a phone and acknowledges
        phone = Chromium.browser(dir.resolve("phone"), 390, 844);
        Chromium.openBoard(phone, alerts.httpPort(), "duty2", PASSWORD);
        phone.findElement(By.id("tab-duty")).click();
        loaded(phone);
        WebElement ack = wait(phone).until(d -> d.findElements(By.id("handover-ack")).stream().findFirst().orElse(null));
        assertThat(phone.findElement(By.id("handover-pending")).getText()).contains("泵 P-3 检修中");
        assertThat(phone.findElement(By.id("handover-flag")).isDisplayed()).isTrue();
        assertThat((Boolean) Chromium.js(phone,
                "return document.documentElement.scrollWidth <= window.innerWidth + 1")).as("fits a phone").isTrue();
        Chromium.screenshot(phone, "duty-handover-phone.png");
        ack.click();

        // THEN the pending hand-over and the header flag are gone, and the duty log has the acknowledgement
        wait(phone).until(d -> d.findElements(By.id("handover-pending")).isEmpty() ? true : null);
        loaded(phone);
        assertThat(phone.findElement(By.id("handover-flag")).isDisplayed()).isFalse();
        WebElement search = phone.findElement(By.id("log-search"));
        search.sendKeys("acknowledged\n");
        wait(phone).until(d -> d.findElements(By.cssSelector("#duty-log tr[data-kind='handover']")).size() == 1 ? true : null);
        Chromium.screenshot(phone, "duty-acknowledged-phone.png");

        // AND the tabs' hash routes (plan.js routeTab, shared with the commitments tab) open and leave each view
        desk.get("http://127.0.0.1:" + alerts.httpPort() + "/#commitments"); // logged in above (its session cookie)
        wait(desk).until(d -> "commitments".equals(d.findElement(By.tagName("body")).getAttribute("data-view"))
                && !d.findElements(By.cssSelector("#cm-body > *")).isEmpty() ? true : null);
        desk.findElement(By.id("tab-duty")).click();
        loaded(desk);
        assertThat(Chromium.js(desk, "return location.hash")).isEqualTo("#duty");
        assertThat(desk.findElements(By.id("handover-pending"))).isEmpty();
    }

    /** Waits until the duty tab has drawn what the server sent (now, roster, log). */
    private static void loaded(WebDriver board) {
        wait(board).until(d -> d.findElements(By.cssSelector("#duty-view[data-loaded='true']")).size() == 1 ? true : null);
    }

    private static WebDriverWait wait(WebDriver board) {
        return new WebDriverWait(board, Duration.ofSeconds(15));
    }

    /** duty2 is on the shift that began 30 minutes ago (and runs 12 hours), duty on the one after it. */
    private AlertServiceApp startAlertService(Path dir) throws Exception {
        LocalTime began = LocalTime.now(PARK).minusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        LocalTime ends = began.plusHours(12);
        String days = "[MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]";
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                shifts:
                  - {name: day, from: "%1$s", to: "%2$s"}
                  - {name: night, from: "%2$s", to: "%1$s"}
                weekly:
                  - {days: %3$s, shift: day, officer: duty2, leader: 张主任}
                  - {days: %3$s, shift: night, officer: duty, leader: 李副主任}
                """.formatted(began, ends, days));
        String hash = Passwords.hash(PASSWORD);
        Path users = Files.writeString(dir.resolve("users.yaml"), """
                users:
                  - {username: duty, role: DUTY_OFFICER, passwordHash: "%1$s"}
                  - {username: duty2, role: DUTY_OFFICER, passwordHash: "%1$s"}
                """.formatted(hash));
        Path policy = Files.writeString(dir.resolve("alerting.yaml"),
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n");
        Map<String, String> settings = Map.ofEntries(
                Map.entry("alert.http.port", "0"), Map.entry("kafka.bootstrap", TestEnv.kafkaBootstrap()),
                Map.entry("registry.file", Files.writeString(dir.resolve("registry.yaml"), TestRegistry.YAML).toString()),
                Map.entry("alert.users.file", users.toString()), Map.entry("alert.policy.file", policy.toString()),
                Map.entry("alert.roster.file", roster.toString()), Map.entry("commitments.required", "false"),
                Map.entry("topic.alarms", KafkaTestTopics.create("duty-e2e.alarms", 1)),
                Map.entry("topic.incident-state", KafkaTestTopics.create("duty-e2e.incident-state", 1)),
                Map.entry("topic.incident-events", KafkaTestTopics.create("duty-e2e.incident-events", 1)));
        AlertServiceApp app = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(settings))).await();
        app.loaded().await();
        return app;
    }
}
