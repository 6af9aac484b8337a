package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code impact}: a closure's impact report, as text, JSON or CSV. */
@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    subcommands = ImpactPlanCommand.class,
    description = "The impact report of a closure.")
final class ImpactCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--closure",
      paramLabel = "ID",
      description = "The closure id (required; `impact plan` needs none).")
  String closure;

  @Option(
      names = "--quantity",
      defaultValue = "pm25",
      description = "The quantity (default: ${DEFAULT-VALUE}).")
  String quantity;

  @Option(
      names = "--matched-hours",
      description =
          "Keep only baseline hours whose local weekday and hour occur during the closure"
              + " (docs/method.md).")
  boolean matchedHours;

  @Option(
      names = "--weather",
      defaultValue = "auto",
      description =
          "The weather-adjusted result (airq-impact-2): true, false, or auto = when the closure"
              + " names its weather station (default: ${DEFAULT-VALUE}).")
  String weather;

  @Option(
      names = "--training-weeks",
      paramLabel = "N",
      description =
          "Weeks before the closure the weather model trains on (2 to 104; default 6,"
              + " docs/method.md).")
  Integer trainingWeeks;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (closure == null) {
      spec.commandLine().getErr().println("Missing required option: '--closure=ID'");
      return 2;
    }
    if (!List.of("text", "json", "csv").contains(format)) {
      spec.commandLine().getErr().println("--format must be text, json or csv");
      return 2;
    }
    if (!List.of("true", "false", "auto").contains(weather)) {
      spec.commandLine().getErr().println("--weather must be true, false or auto");
      return 2;
    }
    String path =
        "/api/closures/"
            + PlannerApi.enc(closure)
            + "/impact?quantity="
            + PlannerApi.enc(quantity)
            + "&matchedHours="
            + matchedHours
            + "&weather="
            + weather
            + (trainingWeeks == null ? "" : "&trainingWeeks=" + trainingWeeks)
            + (format.equals("csv") ? "&format=csv" : "");
    return api.call(
        spec,
        "GET",
        path,
        null,
        (b, out) -> {
          if (format.equals("text")) {
            text(Json.mapper().readTree(b), out);
          } else {
            out.print(b.endsWith("\n") ? b : b + "\n");
          }
        });
  }

  /** The report as lines of text: the summaries, each group's phases and changes, then DiD. */
  static void text(JsonNode r, PrintWriter out) {
    JsonNode report = r.get("report");
    if (r.path("status").asText().equals("withdrawn")) {
      out.println(
          "WITHDRAWN at " + r.path("withdrawnAt").asText() + ": this closure was withdrawn.");
    }
    out.println(report.path("headlineEn").asText());
    out.println(report.path("summaryEn").asText());
    out.println(report.path("summarySw").asText());
    out.printf(
        "method %s, quantity %s, matched hours %s%n",
        report.path("methodVersion").asText(),
        report.path("quantity").asText(),
        report.path("matchedHours").asText());
    for (String g : List.of("treated", "control")) {
      JsonNode gi = report.path(g);
      if (gi.isMissingNode() || gi.isNull()) {
        continue;
      }
      for (String ph : List.of("before", "during", "after")) {
        JsonNode s = gi.path("phases").path(ph);
        out.printf(
            Locale.ROOT,
            "%-8s %-7s mean %s  coverage %.0f%%  valid hours %d/%d%n",
            g,
            ph,
            s.path("mean").isNumber()
                ? String.format(Locale.ROOT, "%.2f", s.path("mean").asDouble())
                : "-",
            s.path("coverage").asDouble() * 100,
            s.path("validHours").asLong(),
            s.path("expectedHours").asLong());
      }
      JsonNode c = gi.path("duringVsBefore");
      out.printf(
          Locale.ROOT,
          "%-8s change during vs before %s [%s, %s] -> %s%n",
          g,
          num(c.path("percent")),
          num(c.path("lowPercent")),
          num(c.path("highPercent")),
          gi.path("outcome").asText());
    }
    JsonNode d = report.path("differenceInDifferences");
    out.printf(
        "difference in differences %s [%s, %s] -> %s%n",
        num(d.path("percent")),
        num(d.path("lowPercent")),
        num(d.path("highPercent")),
        report.path("didOutcome").asText());
    for (String g : List.of("treated", "control")) {
      weather(g, report.path(g).path("weatherAdjusted"), out);
    }
  }

  /** A group's weather-adjusted lines (airq-impact-2), when the report has them. */
  static void weather(String g, JsonNode w, PrintWriter out) {
    if (w.isMissingNode() || w.isNull()) {
      return;
    }
    JsonNode c = w.path("duringVsBefore");
    JsonNode a = w.path("afterVsBefore");
    out.printf(
        Locale.ROOT,
        "%-8s weather-adjusted (%s, weather %s) during %s [%s, %s], after %s [%s, %s] -> %s%s%n",
        g,
        w.path("methodVersion").asText(),
        w.path("weatherSource").asText(),
        num(c.path("percent")),
        num(c.path("lowPercent")),
        num(c.path("highPercent")),
        num(a.path("percent")),
        num(a.path("lowPercent")),
        num(a.path("highPercent")),
        w.path("outcome").asText(),
        w.path("reason").asText().isEmpty() ? "" : " (" + w.path("reason").asText() + ")");
    JsonNode k = w.path("skill");
    JsonNode p = w.path("placebo");
    out.printf(
        Locale.ROOT,
        "%-8s skill R² %s, RMSE %s, NMB %s, FAC2 %s; placebo p %s over %d, coverage %s;"
            + " minimum detectable %s%n",
        g,
        plain(k.path("r2")),
        plain(k.path("rmse")),
        plain(k.path("nmb")),
        plain(k.path("fac2")),
        plain(p.path("pValue")),
        p.path("count").asInt(),
        plain(p.path("intervalCoverage")),
        num(w.path("minimumDetectablePercent")));
  }

  private static String plain(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "-";
  }

  private static String num(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%+.1f%%", n.asDouble()) : "-";
  }
}
