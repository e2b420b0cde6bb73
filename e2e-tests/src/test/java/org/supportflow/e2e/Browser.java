package org.supportflow.e2e;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real, headless Chromium for the end-to-end suite: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by {@code .ci/run}), never a browser or driver a tool downloads. Missing binaries fail the test with
 * the command that installs them; nothing is skipped.
 *
 * <p>Each browser gets a fresh profile directory and the flags that keep Chromium off the network (the machines
 * that run this have none, and air-gapped customers neither).
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getenv().getOrDefault("SUPPORTFLOW_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER =
            System.getenv().getOrDefault("SUPPORTFLOW_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with the given UI language (e.g. "ko-KR", "en-US"), which pages see as navigator.language. */
    public static Browser start(String language) {
        requireExecutable(CHROMIUM);
        requireExecutable(CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("supportflow-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-default-apps",
                        "--window-size=1280,900", "--lang=" + language, "--user-data-dir=" + profile);
        options.addArguments("--accept-lang=" + language);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG of the viewport (for the README, or to look at a failure). */
    public void screenshot(Path target) {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
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

    private static void requireExecutable(String path) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: the browser tests need Debian's chromium and "
                    + "chromium-driver (apt-get install -y chromium chromium-driver fonts-noto-cjk; .ci/run does this)");
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
