package org.cscsign.cli.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests, driven through Debian's {@code chromedriver}.
 *
 * <p>Both binaries are named explicitly, so Selenium Manager never runs (it would try to download a
 * browser, and this machine reaches no such host). The flags keep Chromium from calling home:
 * without them it opens many connections at start-up that the closed network refuses.
 * {@code .ci/run} installs the Debian packages {@code chromium} and {@code chromium-driver}; a
 * machine without them fails the test with a message saying so, never skips it silently.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Debian's browser binary. */
    public static final Path CHROMIUM = Path.of(System.getProperty("cscsign.test.chromium", "/usr/bin/chromium"));
    /** Debian's driver binary, the same version as the browser. */
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("cscsign.test.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts a fresh browser with an empty profile.
     *
     * @return the running browser; close it
     * @throws IllegalStateException when chromium or chromedriver is not installed
     */
    public static HeadlessChromium start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does this)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("cscsign-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-default-apps", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    /** @return the Selenium driver of this browser */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves a PNG of the current page, e.g. under {@code target/screenshots/}.
     *
     * @param png where to write it; parent folders are created
     * @return {@code png}
     */
    public Path screenshot(Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
