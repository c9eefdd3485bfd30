package com.ticolops.bot.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the chromedriver packaged with it, both installed on the machine: nothing is
 * downloaded at test time (Selenium Manager never runs, as both paths are given).
 */
public final class Browser {

    /** Set to {@code true} (as CI does) to fail instead of skipping when Chromium or chromedriver is missing. */
    public static final String REQUIRED = "ticolops.browser.required";
    private static final String INSTALL = "Browser tests need Chromium and chromedriver: apt-get install -y chromium chromium-driver "
            + "(or point -Dticolops.chromium and -Dticolops.chromedriver at them).";

    private Browser() {
    }

    /**
     * Starts Chromium with its own fresh profile in {@code profile}; skips the calling test (saying how to install it)
     * when it is missing, or fails it when {@value #REQUIRED} is true.
     */
    public static WebDriver headlessChromium(Path profile) {
        Path chromium = Path.of(System.getProperty("ticolops.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("ticolops.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String missing = "No executable " + (Files.isExecutable(chromium) ? chromedriver : chromium) + ". " + INSTALL;
            if (Boolean.getBoolean(REQUIRED)) {
                fail(missing + " (-D" + REQUIRED + "=true)");
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1024",
                        // this machine has no internet: no update checks, sync or first-run pages to wait for
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
