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

    /** A browser of the given window size (390 × 844: a phone). */
    static WebDriver browser(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens the board as {@code user} and waits until it is loaded and its stream is live. */
    static void openBoard(WebDriver board, int port, String user, String password) {
        board.get("http://" + user + ":" + password + "@127.0.0.1:" + port + "/");
        new WebDriverWait(board, Duration.ofSeconds(30)).until(d ->
                "live".equals(d.findElement(By.id("connection")).getAttribute("data-state"))
                        && "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")) ? true : null);
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
