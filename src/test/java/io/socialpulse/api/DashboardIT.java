package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.ServiceProcess;

/**
 * The dashboard page of the packaged service, opened in headless Chromium (Debian's chromium and
 * chromium-driver, driven through WebDriver): its script runs without an error and the live list
 * of top hashtags fills from the stream. A screenshot goes to {@code target/dashboard.png}.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void thePageRunsInABrowserAndShowsTheLiveTopHashtags() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        assertTrue(installed || !"true".equals(System.getenv("CI")), ".ci/run installs chromium and chromium-driver");
        assumeTrue(installed, "skipped: apt-get install chromium chromium-driver to run the browser test");

        Emulators emulators = Emulators.get();
        Map<String, String> env = ServiceProcess.environment(emulators.createStream("page", 1),
                emulators.createBucket("page"));
        env.put("SERVICE_ROLES", "sources,trends");
        env.put("SOURCES_ENABLED", "demo");
        env.put("TRENDS_TICK", "500ms");
        try (ServiceProcess service = ServiceProcess.start("dashboard", env)) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            ChromeDriver browser = browser();
            try {
                browser.get("http://127.0.0.1:" + service.port() + "/");
                // The list is replaced at every tick: read its rows in one script call, never through
                // element handles that the next tick makes stale.
                List<?> rows = new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> {
                    Object texts = browser.executeScript(
                            "return [...document.querySelectorAll('#top li')].map(li => li.textContent)");
                    return texts instanceof List<?> list && list.size() >= 5 ? list : null;
                });
                assertTrue(String.valueOf(rows.get(0)).contains("#"), rows.toString());
                assertTrue(browser.findElement(By.id("summary")).getText().contains("posts in the last"),
                        browser.findElement(By.id("summary")).getText());
                Files.write(Path.of("target/dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
                List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                        .toList();
                assertEquals(List.of(), errors, "the page's console");
            } finally {
                browser.quit();
            }
        }
    }

    /** Headless Chromium through Debian's driver, so Selenium never tries to download one. */
    private static ChromeDriver browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
