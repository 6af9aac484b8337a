package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code impact plan}: before a closure, the smallest change it could show (airq-impact-2). */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Before a closure: the smallest change it could show, from the history of its sensors"
            + " (placebo closures, docs/method.md), for several lengths of history and with or"
            + " without control sites.")
final class ImpactPlanCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--treated",
      required = true,
      split = ",",
      paramLabel = "SENSOR",
      description = "The sensors on the street to close (repeat or separate with commas).")
  List<String> treated;

  @Option(
      names = "--control",
      split = ",",
      paramLabel = "SENSOR",
      description = "Control sites (repeat or separate with commas).")
  List<String> control = List.of();

  @Option(
      names = "--start",
      required = true,
      paramLabel = "LOCAL",
      description = "Local start, e.g. 2024-09-20T07:00.")
  String start;

  @Option(
      names = "--end",
      required = true,
      paramLabel = "LOCAL",
      description = "Local end, e.g. 2024-09-20T19:00.")
  String end;

  @Option(
      names = "--zone",
      defaultValue = "UTC",
      description = "The closure's time zone (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(
      names = "--quantity",
      defaultValue = "pm25",
      description = "The quantity (default: ${DEFAULT-VALUE}).")
  String quantity;

  @Option(
      names = "--weather-station",
      paramLabel = "SENSOR",
      description =
          "A registered weather sensor; without it, the treated sensors' temperature"
              + " and humidity.")
  String station;

  @Option(
      names = "--weeks",
      defaultValue = "3,6,12",
      description = "Lengths of history to compare, in weeks (default: ${DEFAULT-VALUE}).")
  String weeks;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!List.of("text", "json").contains(format)) {
      spec.commandLine().getErr().println("--format must be text or json");
      return 2;
    }
    StringBuilder path = new StringBuilder("/api/impact-plan?treated=");
    path.append(PlannerApi.enc(String.join(",", treated)));
    if (!control.isEmpty()) {
      path.append("&control=").append(PlannerApi.enc(String.join(",", control)));
    }
    path.append("&start=").append(PlannerApi.enc(start));
    path.append("&end=").append(PlannerApi.enc(end));
    path.append("&zone=").append(PlannerApi.enc(zone));
    path.append("&quantity=").append(PlannerApi.enc(quantity));
    path.append("&weeks=").append(PlannerApi.enc(weeks));
    if (station != null) {
      path.append("&station=").append(PlannerApi.enc(station));
    }
    return api.call(
        spec,
        "GET",
        path.toString(),
        null,
        (b, out) -> {
          if (format.equals("json")) {
            out.print(b.endsWith("\n") ? b : b + "\n");
            return;
          }
          JsonNode r = Json.mapper().readTree(b);
          out.println(r.path("summaryEn").asText());
          out.printf("weather: %s%n", r.path("weatherSource").asText());
          for (JsonNode e : r.path("estimates")) {
            out.printf(
                Locale.ROOT,
                "%3d weeks, %d control sites: %s (%d valid days, %d placebo closures)%n",
                e.path("trainingWeeks").asInt(),
                e.path("controlSites").asInt(),
                e.path("minimumDetectablePercent").isNumber()
                    ? String.format(
                        Locale.ROOT, "%.1f%%", e.path("minimumDetectablePercent").asDouble())
                    : "-",
                e.path("trainingDays").asInt(),
                e.path("placebos").asInt());
          }
        });
  }
}
