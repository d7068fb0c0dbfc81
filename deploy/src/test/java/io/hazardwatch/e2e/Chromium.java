package io.hazardwatch.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, as the board tests use it. */
final class Chromium {

    /** Where the board tests put their screenshots (README shows some of them). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    /** A desktop-sized browser with its own profile directory; sound may play without a gesture. */
    static WebDriver browser(Path profile) {
        return browser(profile, 1600, 900);
    }

    /**
     * A browser of the given viewport size. Below 500 px wide (390 × 844: a phone) it emulates a phone's screen: a
     * desktop window cannot be made that narrow (Chromium keeps a minimum width), and a phone honours the page's
     * viewport meta tag as a desktop window does not.
     */
    static WebDriver browser(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        boolean phone = width < 500;
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=" + (phone ? 800 : width) + "," + (phone ? 1000 : height),
                "--autoplay-policy=no-user-gesture-required");
        if (phone) {
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens the board as {@code user} (through its login page) and waits until it is loaded and its stream is live. */
    static void openBoard(WebDriver board, int port, String user, String password) {
        login(board, port, user, password);
        new WebDriverWait(board, Duration.ofSeconds(30)).until(d ->
                "live".equals(d.findElement(By.id("connection")).getAttribute("data-state"))
                        && "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")) ? true : null);
    }

    /**
     * Logs in as {@code user} on the board's login page (issue 16: a session cookie, no HTTP Basic in the browser) and
     * waits until the page has gone on to the board.
     */
    static void login(WebDriver board, int port, String user, String password) {
        board.get("http://127.0.0.1:" + port + "/login.html");
        board.findElement(By.id("username")).sendKeys(user);
        board.findElement(By.id("password")).sendKeys(password);
        board.findElement(By.id("login-submit")).click();
        new WebDriverWait(board, Duration.ofSeconds(30)).until(d ->
                d.getCurrentUrl().contains("login.html") ? null : true);
    }

    static Object js(WebDriver board, String script, Object... args) {
        return ((JavascriptExecutor) board).executeScript(script, args);
    }

    static void screenshot(WebDriver board, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) board).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
