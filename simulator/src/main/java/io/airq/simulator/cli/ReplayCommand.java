package io.airq.simulator.cli;

import io.airq.simulator.replay.ReplayOptions;
import io.airq.simulator.replay.Replayer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay}: replays real archives. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays real archives with the original timestamps, accelerated: a sensors.AFRICA archive"
          + " CSV (';'-separated, one row per value type, plain or gzip) or Sensor.Community"
          + " per-sensor daily CSVs (as sensors.AFRICA push payloads by default; the humidity and"
          + " temperature sensor at a PM sensor's location is joined into its payload), and hourly"
          + " NO2 site files <SITE>_combined.csv (as airq JSON by default, with the file's temp and"
          + " rhum; NA rows are not sent; their sites' positions come from --sites). The sensors"
          + " found are registered; closures are not (airq closures add).",
      "Examples: replay ../shared/data/nairobi/ --county Nairobi",
      "          replay ../shared/data/cork/ --sites docs/examples/cork-sites.csv",
      "          replay ../shared/data/aberdeen/ --format airq --speed 0",
    })
public final class ReplayCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      description =
          "Archive CSV files (.csv or .csv.gz) or directories of them: the sensors.AFRICA archive"
              + " or Sensor.Community per-sensor daily files. Files read together are paired"
              + " together. Hourly site files are recognised by their header; other files whose"
              + " header is not an archive's are skipped.")
  List<Path> files;

  @Option(
      names = "--format",
      description =
          "Payload format of every reading: airq, sensor-community, airgradient, purpleair or"
              + " senml. Default: sensor-community (the sensors.AFRICA push body with the"
              + " archive's value strings) for the archive files, airq for the hourly files. A"
              + " format that cannot carry a quantity is refused: NO2 only fits airq and senml,"
              + " pressure not airgradient.")
  String format;

  @Option(
      names = "--county",
      defaultValue = "",
      description = "County of the registered archive sensors. Default: none.")
  String county;

  @Option(
      names = "--interval",
      defaultValue = "PT155S",
      description =
          "Reporting interval of the registered archive sensors, ISO-8601 (the hourly sites"
              + " report hourly). Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(
      names = "--sites",
      paramLabel = "FILE",
      description =
          "Where the hourly files' sites are: a CSV with the columns site,sensor,lat,lon and"
              + " optionally gateway,area,street,county,model (docs/simulator.md). Needed for"
              + " hourly files only.")
  Path sites;

  @Mixin ConnectionOptions connection = new ConnectionOptions();
  @Mixin RegistrationOptions registration = new RegistrationOptions();

  @Option(
      names = "--speed",
      defaultValue = "10000",
      description =
          "Archive seconds per real second: 1 = real time, 0 = as fast as possible."
              + " Default: ${DEFAULT-VALUE}.")
  double speed;

  @Override
  public Integer call() throws Exception {
    Replayer.ReplayReport r;
    try {
      r =
          Replayer.run(
              new ReplayOptions(
                  files,
                  format,
                  county,
                  interval,
                  sites,
                  connection.mqtt(20),
                  registration.target(),
                  speed,
                  connection.rateCap,
                  connection.progress));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("replay: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      System.err.println("replay: " + Failures.describe(e));
      return 1;
    }
    System.out.println(r);
    return r.published() == r.readings() ? 0 : 1;
  }
}
