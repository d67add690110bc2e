package io.mediainvites.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A fresh headless Chromium (Debian's chromium + chromium-driver, no download) for each test that takes a
 * {@link WebDriver} parameter; on failure a screenshot and the page source go to target/screenshots.
 */
public final class BrowserExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);
    static final String CHROMIUM = System.getProperty("mi.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("mi.chromedriver", "/usr/bin/chromedriver");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(WebDriver.class, k -> start(), WebDriver.class);
    }

    /** A new browser with its own empty profile (so cookies of one "device" never leak into another). */
    public static WebDriver start() {
        return start("en-US");
    }

    /** The same, whose interface language (and so its Accept-Language) is {@code language}, e.g. "de" or "ja". */
    public static WebDriver start(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=" + language);
        options.addArguments("--accept-lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        try {
            options.addArguments("--user-data-dir=" + Files.createTempDirectory("mi-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        WebDriver driver = context.getStore(NAMESPACE).remove(WebDriver.class, WebDriver.class);
        if (driver == null) {
            return;
        }
        try {
            Optional<Throwable> failure = context.getExecutionException();
            if (failure.isPresent()) {
                save(driver, context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
            }
        } finally {
            driver.quit();
        }
    }

    /**
     * Lays the page out as a screen {@code width} CSS pixels wide (375: a phone, with mobile emulation), through
     * Chromium's device metrics, so that even widths below the window minimum are real viewports.
     */
    public static void viewport(WebDriver driver, int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** The browser's time zone, for pages that show times in the reader's zone. */
    public static void timeZone(WebDriver driver, String zoneId) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", zoneId));
    }

    /** Saves a screenshot of the viewport as {@code dir/name.png} (for README's pictures). */
    public static void picture(WebDriver driver, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot and the page source under target/screenshots. */
    public static void save(WebDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save screenshot " + name + ": " + e);
        }
    }
}
