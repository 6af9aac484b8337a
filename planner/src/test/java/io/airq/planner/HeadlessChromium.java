package io.airq.planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium in headless mode, driven by Debian's chromedriver (packages {@code chromium}
 * and {@code chromium-driver}, installed by {@code ./airq setup}). Nothing is downloaded: the
 * binaries come from {@code airq.chromium} and {@code airq.chromedriver}, by default {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver}.
 */
final class HeadlessChromium {
  /** Without these, Chromium waits on the network (updates, sync, QUIC) on a closed machine. */
  private static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--hide-scrollbars",
          "--force-device-scale-factor=1",
          "--window-size=1280,1000");

  private HeadlessChromium() {}

  /**
   * Starts Chromium with a fresh profile under {@code workDir} and downloads going to {@code
   * downloads}. Throws {@link AssertionError} naming {@code ./airq setup} when a binary is missing.
   */
  static ChromeDriver start(Path workDir, Path downloads) throws IOException {
    Path browser = binary("airq.chromium", "/usr/bin/chromium", "chromium");
    Path driver = binary("airq.chromedriver", "/usr/bin/chromedriver", "chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(FLAGS);
    options.addArguments(
        "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium-profile-"));
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
    prefs.put("download.prompt_for_download", false);
    options.setExperimentalOption("prefs", prefs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withLogFile(workDir.resolve("chromedriver.log").toFile())
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    // headless Chromium may ignore the download preference; the DevTools command is explicit
    chrome.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    return chrome;
  }

  private static Path binary(String property, String debianPath, String debianPackage) {
    Path p = Path.of(System.getProperty(property, debianPath));
    if (!Files.isExecutable(p)) {
      throw new AssertionError(
          p
              + " is missing: the browser test needs Debian's chromium and chromium-driver."
              + " Run ./airq setup (it installs them with apt-get), or point -D"
              + property
              + " at the "
              + debianPackage
              + " binary.");
    }
    return p;
  }
}
