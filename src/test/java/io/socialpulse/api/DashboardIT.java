package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.socialpulse.testing.Emulators;
import io.socialpulse.testing.Lake;
import io.socialpulse.testing.ServiceProcess;

/**
 * The dashboard of the packaged service, opened in headless Chromium (Debian's chromium and
 * chromium-driver, driven through WebDriver): every panel fills from the live stream and
 * {@code /sources}, the view lives in the URL, the page fits a phone, says when the service stops,
 * and behind API keys asks for one and sends it only in a header. Screenshots go to
 * {@code target/dashboard.png} and {@code target/dashboard-phone.png}.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** The texts whose colour is under 4.5:1 against the white page, with their ratio. */
    private static final String CONTRAST = """
            const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
              v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const low = [];
            for (const e of document.querySelectorAll('body *')) {
              const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (!own || e.offsetParent === null) continue;
              const ratio = (1.05) / (lum(getComputedStyle(e).color) + 0.05);
              if (ratio < 4.5) low.push(e.tagName + ' ' + e.textContent.trim().slice(0, 30) + ' ' + ratio.toFixed(2));
            }
            return low;""";

    private static void requireBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        assertTrue(installed || !"true".equals(System.getenv("CI")), ".ci/run installs chromium and chromium-driver");
        assumeTrue(installed, "skipped: apt-get install chromium chromium-driver to run the browser test");
    }

    private static Map<String, String> environment(String name) {
        Emulators emulators = Emulators.get();
        Map<String, String> env = ServiceProcess.environment(emulators.createStream(name, 1),
                emulators.createBucket(name));
        env.put("SERVICE_ROLES", "sources,trends");
        env.put("SOURCES_ENABLED", "demo");
        env.put("TRENDS_TICK", "500ms");
        // A burst a few seconds in, and no warm-up: the burst tag rises, then trends, within the test.
        env.put("SOURCES_DEMO_FIRST_BURST", "8s");
        env.put("TRENDS_RISING_WARMUP", "0s");
        return env;
    }

    /** Rows of a list, read in one script call: the list is replaced at every tick, so handles go stale. */
    private static List<?> rows(ChromeDriver browser, String list, int atLeast) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> {
            Object texts = browser.executeScript(
                    "return [...document.querySelectorAll('" + list + " > *')].map(e => e.textContent)");
            return texts instanceof List<?> found && found.size() >= atLeast ? found : null;
        });
    }

    private static String state(ChromeDriver browser) {
        return String.valueOf(browser.executeScript("return document.getElementById('state').dataset.state"));
    }

    /** Requests the page made that failed, or that went anywhere but the service. */
    private static Object badRequests(ChromeDriver browser) {
        return browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => !e.name.startsWith(location.origin) || (e.responseStatus || 200) >= 400)"
                + ".map(e => e.name + ' ' + e.responseStatus)");
    }

    private static List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("401")) // the refused request before a key is given, logged by Chromium
                .toList();
    }

    @Test
    void thePageShowsEveryPanelLiveKeepsItsViewInTheUrlAndSaysWhenTheServiceStops() throws Exception {
        requireBrowser();
        Map<String, String> env = environment("page");
        try (ServiceProcess service = ServiceProcess.start("dashboard", env)) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            ChromeDriver browser = browser();
            try {
                String base = "http://127.0.0.1:" + service.port() + "/";
                browser.get(base);
                List<?> top = rows(browser, "#top", 5);
                assertTrue(String.valueOf(top.get(0)).contains("#"), top.toString());
                assertTrue(browser.findElement(By.id("summary")).getText().contains("posts in the last"),
                        browser.findElement(By.id("summary")).getText());
                assertEquals("live", state(browser));
                rows(browser, "#mentions", 1);
                List<?> sources = rows(browser, "#sources", 1);
                assertTrue(String.valueOf(sources.get(0)).contains("demo")
                        && String.valueOf(sources.get(0)).contains("RUNNING"), sources.toString());
                // Posts per second per platform: one line per platform, drawn from the stream.
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> ((Number) browser.executeScript(
                        "return document.querySelectorAll('#rate-chart path').length")).intValue() >= 3);
                assertTrue(browser.getCurrentUrl().endsWith("?platform=all&window=1m"), browser.getCurrentUrl());
                // The demo's burst: a tag rises, then trends.
                rows(browser, "#rising", 1);
                new WebDriverWait(browser, Duration.ofSeconds(90)).until(b -> Boolean.TRUE.equals(browser.executeScript(
                        "const tags = l => [...document.querySelectorAll(l + ' .tag')].map(e => e.textContent);"
                                + "const trending = tags('#trending'); return tags('#rising').some(t => trending.includes(t));")));
                // Who carries it: the top accounts, and for the trending tag a click away, its drivers.
                List<?> accounts = rows(browser, "#influencers", 5);
                assertTrue(String.valueOf(accounts.get(0)).contains("engaged"), accounts.toString());
                rows(browser, "#reach", 5);
                String chosen = String.valueOf(browser.executeScript(
                        "const b = document.querySelector('#trending button'); b.click(); return b.textContent"));
                assertEquals(chosen, browser.findElement(By.id("driver-tag")).getText());
                rows(browser, "#driver-accounts", 3);
                List<?> examples = rows(browser, "#driver-examples", 1);
                assertTrue(String.valueOf(examples.get(0)).contains("engaged"), examples.toString());
                assertTrue(String.valueOf(examples.get(0)).contains(chosen), "an example post carries the tag: "
                        + examples + " " + chosen);
                assertEquals(Boolean.TRUE, browser.executeScript("return [...document.querySelectorAll("
                        + "'#driver-examples a, #influencers a')].every(a => a.href.startsWith("
                        + "'https://demo.social-pulse.invalid/') && a.rel.includes('noopener'))"),
                        "links go to the posts and profiles, opened apart from the page");
                assertEquals(0L, ((Number) browser.executeScript("return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth")).longValue(), "no horizontal scrolling");
                // Switching the window changes the data: the summary names the new window.
                new Select(browser.findElement(By.id("window"))).selectByValue("15m");
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                        b -> browser.findElement(By.id("summary")).getText().contains("last 900 s"));
                assertTrue(browser.getCurrentUrl().endsWith("?platform=all&window=15m"), browser.getCurrentUrl());
                // WCAG AA: every piece of text on the page against white, 4.5:1 at least.
                Object lowContrast = browser.executeScript(CONTRAST);
                assertEquals(List.of(), lowContrast, "text under 4.5:1 contrast");
                Files.write(Path.of("target/dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));

                // The view is remembered in the URL: a link opens the same view.
                browser.get(base + "?platform=mastodon&window=5m");
                rows(browser, "#top", 1);
                assertEquals("5m", browser.findElement(By.id("window")).getDomProperty("value"));
                assertEquals("mastodon", browser.findElement(By.id("platform")).getDomProperty("value"));
                assertTrue(browser.findElement(By.id("summary")).getText().contains("last 300 s"),
                        browser.findElement(By.id("summary")).getText());

                // Readable on a phone: nothing wider than the screen.
                browser.manage().window().setSize(new Dimension(390, 844));
                rows(browser, "#top", 1);
                long overflow = ((Number) browser.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                        .longValue();
                assertEquals(0, overflow, "no horizontal scrolling at 390 px");
                Files.write(Path.of("target/dashboard-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
                assertEquals(List.of(), consoleErrors(browser), "the page's console");
                assertEquals(List.of(), badRequests(browser), "every request answered, all by the service itself");

                // The service stops: the page says so and counts down to its next try.
                service.terminate(Duration.ofSeconds(30));
                String after = new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
                    String s = state(browser);
                    return s.equals("stopping") || s.equals("reconnecting") ? s : null;
                });
                assertTrue(browser.findElement(By.id("state")).getText().contains("reconnecting in"), after);
                // What the view showed, minute by minute, is in the lake: the minute under way at the stop too.
                try (var s3 = Emulators.get().s3()) {
                    List<String> minutes = Lake.keys(s3, env.get("LAKE_BUCKET"),
                            "social-pulse/trends/");
                    assertTrue(!minutes.isEmpty() && minutes.stream().allMatch(k -> k.matches(
                            "social-pulse/trends/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/.+-\\d{4}\\.jsonl\\.gz")),
                            minutes.toString());
                }

                // The service comes back on the same address: the page recovers by itself.
                Map<String, String> again = new HashMap<>(env);
                again.put("PORT", Integer.toString(service.port()));
                try (ServiceProcess restarted = ServiceProcess.start("dashboard-again", again)) {
                    restarted.awaitOutput("Listening on", Duration.ofSeconds(60));
                    new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> "live".equals(state(browser)));
                    rows(browser, "#top", 5);
                }
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void withApiKeysThePageAsksForAKeyAndSendsItOnlyInAHeader() throws Exception {
        requireBrowser();
        Map<String, String> env = environment("keyed");
        env.put("API_KEYS", "dash-key-0123456789");
        try (ServiceProcess service = ServiceProcess.start("dashboard-keys", env)) {
            service.awaitOutput("Listening on", Duration.ofSeconds(60));
            ChromeDriver browser = browser();
            try {
                browser.get("http://127.0.0.1:" + service.port() + "/");
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "unauthorized".equals(state(browser)));
                assertTrue(browser.findElement(By.id("key-form")).isDisplayed());

                browser.findElement(By.id("key")).sendKeys("not-the-key");
                browser.findElement(By.cssSelector("#key-form button")).click();
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "unauthorized".equals(state(browser)));

                browser.findElement(By.id("key")).sendKeys("dash-key-0123456789");
                browser.findElement(By.cssSelector("#key-form button")).click();
                rows(browser, "#top", 5);
                assertEquals("live", state(browser));
                rows(browser, "#sources", 1);
                Object urls = browser.executeScript(
                        "return performance.getEntries().map(e => e.name).concat([location.href]).join(' ')");
                assertFalse(String.valueOf(urls).contains("dash-key"), "the key is in no URL: " + urls);
                assertFalse(service.output().contains("dash-key-0123456789"), "nor in the service's output");
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
