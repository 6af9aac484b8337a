package io.airq.planner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code series}: window averages (or an index) of a sensor or an area, as CSV or JSON. */
@Command(
    name = "series",
    mixinStandardHelpOptions = true,
    description = "Window averages of a sensor or an area, or with --index an index's values.")
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
      description =
          "The averaging window: 1m, 1h, 24h (rolling) or day (local calendar day); default 1h,"
              + " or with --index the index's first window.")
  String window;

  @Option(
      names = "--index",
      paramLabel = "ID",
      description =
          "An index instead of the means: us-aqi-nowcast, us-aqi, us-aqi-1h, us-aqi-8h,"
              + " us-aqi-hour, eaqi or naqi (docs/api.md).")
  String index;

  @Mixin PeriodOptions period;

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
            + (window != null
                ? "&window=" + PlannerApi.enc(window)
                : index == null ? "&window=1h" : "")
            + (index != null ? "&index=" + PlannerApi.enc(index) : "")
            + "&from="
            + PlannerApi.enc(period.from().toString())
            + "&to="
            + PlannerApi.enc(period.to().toString())
            + "&format="
            + PlannerApi.enc(format);
    return api.call(
        spec, "GET", path, null, (b, out) -> out.print(b.endsWith("\n") ? b : b + "\n"));
  }
}
