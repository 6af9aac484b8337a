package io.airq.planner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code series}: window averages of a sensor or an area, as CSV or JSON. */
@Command(
    name = "series",
    mixinStandardHelpOptions = true,
    description = "Window averages of a sensor or an area.")
final class SeriesCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(multiplicity = "1")
  Target target;

  /** Exactly one of a sensor and an area. */
  static final class Target {
    @Option(names = "--sensor", paramLabel = "ID", description = "A sensor id.")
    String sensor;

    @Option(names = "--area", paramLabel = "NAME", description = "An area.")
    String area;
  }

  @Option(
      names = "--quantity",
      defaultValue = "pm25",
      description = "The quantity (default: ${DEFAULT-VALUE}).")
  String quantity;

  @Option(
      names = "--window",
      defaultValue = "1h",
      description = "The averaging window (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--from", required = true, description = "ISO-8601 instant.")
  String from;

  @Option(names = "--to", required = true, description = "ISO-8601 instant.")
  String to;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    String key =
        target.sensor != null
            ? "sensor=" + PlannerApi.enc(target.sensor)
            : "area=" + PlannerApi.enc(target.area);
    String path =
        "/api/series?"
            + key
            + "&quantity="
            + PlannerApi.enc(quantity)
            + "&window="
            + PlannerApi.enc(window)
            + "&from="
            + PlannerApi.enc(from)
            + "&to="
            + PlannerApi.enc(to)
            + "&format="
            + PlannerApi.enc(format);
    return api.call(
        spec, "GET", path, null, (b, out) -> out.print(b.endsWith("\n") ? b : b + "\n"));
  }
}
