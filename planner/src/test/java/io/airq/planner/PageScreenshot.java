package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole page at 1280 px wide into {@code planner/target/<name>.png}; with {@code
 * -Dairq.update-screenshot=true} also into {@code docs/images/<name>.png}, which the README shows.
 */
final class PageScreenshot {
  private static final Logger LOG = LoggerFactory.getLogger(PageScreenshot.class);
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

  private PageScreenshot() {}

  @SuppressWarnings("unchecked")
  static Path take(ChromeDriver chrome, String name) throws Exception {
    // the whole document, not only the viewport: DevTools captures beyond it
    Map<String, Object> size =
        (Map<String, Object>)
            chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", ((Number) size.get("height")).doubleValue(),
            "scale", 1);
    String data =
        (String)
            chrome
                .executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
                .get("data");
    byte[] png = Base64.getDecoder().decode(data);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(1000);
    assertThat(image.getHeight()).isGreaterThan(800);
    Path target = MODULE.resolve("target/" + name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, png);
    LOG.info("screenshot {} ({}x{})", target, image.getWidth(), image.getHeight());
    if (Boolean.getBoolean("airq.update-screenshot")) {
      Path docs = MODULE.resolve("../docs/images/" + name + ".png").normalize();
      Files.createDirectories(docs.getParent());
      Files.copy(target, docs, StandardCopyOption.REPLACE_EXISTING);
      LOG.info("docs screenshot updated: {}", docs);
    }
    return target;
  }
}
