package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.planner.calibration.ColocationFit;
import io.airq.planner.calibration.ColocationFit.Pair;
import io.airq.planner.calibration.FitReport;
import io.airq.planner.calibration.ReferenceCsv;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: fits a linear correction of a low-cost sensor against a co-located reference
 * (docs/registry.md, Co-location calibration), prints the fit and, with {@code --apply}, stores it
 * as a new calibration version.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description =
        "Fit corrected = slope × raw + intercept of a sensor's hourly raw means against a"
            + " co-located reference, print the fit and its test-hour errors before and after (and"
            + " a humidity-aware fit when the sensor has humidity); --apply stores the linear fit"
            + " as a calibration version (docs/registry.md).")
final class CalibrateCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--sensor", required = true, paramLabel = "ID", description = "The sensor.")
  String sensor;

  @CommandLine.ArgGroup(multiplicity = "1")
  Reference reference;

  /** Exactly one reference. */
  static final class Reference {
    @Option(
        names = "--reference",
        paramLabel = "FILE",
        description = "A reference station's hourly series, CSV (docs/registry.md).")
    Path file;

    @Option(
        names = "--reference-sensor",
        paramLabel = "ID",
        description = "A registered reference sensor: its hourly means.")
    String sensor;
  }

  @Option(names = "--quantity", defaultValue = "pm25", description = "Default: ${DEFAULT-VALUE}.")
  String quantity;

  @Mixin PeriodOptions period;

  @Option(
      names = "--reference-column",
      paramLabel = "NAME",
      description = "The reference file's column (default: the quantity, e.g. PM2.5 for pm25).")
  String column;

  @Option(
      names = "--reference-zone",
      defaultValue = "UTC",
      description = "The zone of the reference file's times without offset (default: UTC).")
  ZoneId zone;

  @Option(
      names = "--reference-labels",
      defaultValue = "end",
      description = "end (default: '01:00' is 00:00–01:00) or start: how the file labels hours.")
  String labels;

  @Option(
      names = "--min-coverage",
      defaultValue = "75",
      description = "Sensor hours below this coverage %% are left out (default: ${DEFAULT-VALUE}).")
  double minCoverage;

  @Option(
      names = "--split",
      defaultValue = "day",
      description = "day (every second day held out; default) or hour (odd hours held out).")
  String split;

  @Option(names = "--apply", description = "Store the fit as a new calibration version.")
  boolean apply;

  @Option(
      names = "--apply-from",
      paramLabel = "WHEN",
      converter = PeriodOptions.InstantOrDate.class,
      description = "Instant or date the version applies from (default: now).")
  Instant applyFrom;

  @Option(
      names = "--version-id",
      paramLabel = "ID",
      description = "The version's id (default: colocation-<sensor>-<date of --to>).")
  String versionId;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Instant a = period.from();
    Instant b = period.to();
    Instant versionFrom = applyFrom != null ? applyFrom : Instant.now();
    ColocationFit.Split how;
    try {
      how = ColocationFit.Split.valueOf(split.toUpperCase(Locale.ROOT));
      if (!labels.equals("end") && !labels.equals("start")) {
        throw new IllegalArgumentException("--reference-labels must be end or start: " + labels);
      }
    } catch (IllegalArgumentException e) {
      err.println(
          e.getMessage().startsWith("No enum") ? "--split must be day or hour" : e.getMessage());
      return 2;
    }
    Map<Instant, Double> raw = new TreeMap<>();
    int code = hourly(sensor, quantity, a, b, true, raw);
    if (code != 0) {
      return code;
    }
    Map<Instant, Double> ref = new TreeMap<>();
    String against;
    if (reference.file != null) {
      String col = column != null ? column : quantity;
      try {
        ref.putAll(
            ReferenceCsv.hourly(
                Files.readAllLines(reference.file, StandardCharsets.UTF_8),
                col,
                zone,
                labels.equals("start")));
      } catch (IllegalArgumentException | java.io.IOException e) {
        err.println(reference.file + ": " + e.getMessage());
        return 1;
      }
      against =
          reference.file.getFileName() + " (" + col + ", hours labelled by their " + labels + ")";
    } else {
      code = hourly(reference.sensor, quantity, a, b, false, ref);
      if (code != 0) {
        return code;
      }
      against = "sensor " + reference.sensor;
    }
    Map<Instant, Double> rh = new TreeMap<>();
    if (!quantity.equals("humidity")) {
      code = hourly(sensor, "humidity", a, b, false, rh);
      if (code != 0) {
        return code;
      }
    }
    List<Pair> pairs = new ArrayList<>();
    raw.forEach(
        (h, v) -> {
          Double r = ref.get(h);
          if (r != null) {
            pairs.add(new Pair(h, v, r, rh.get(h)));
          }
        });
    ColocationFit.Result fit;
    try {
      fit = ColocationFit.fit(pairs, how);
    } catch (IllegalArgumentException e) {
      err.println(
          sensor
              + " against "
              + against
              + ", "
              + pairs.size()
              + " co-located hours: "
              + e.getMessage());
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s %s against %s, %s to %s: %d co-located hours, split by %s%n",
        sensor, quantity, against, a, b, pairs.size(), split);
    FitReport.print(out, fit, ColocationFit.fitWithHumidity(pairs, how), !rh.isEmpty());
    out.flush();
    return apply ? apply(fit, b, versionFrom) : 0;
  }

  private int apply(ColocationFit.Result fit, Instant to, Instant versionFrom) throws Exception {
    String id =
        versionId != null
            ? versionId
            : "colocation-" + sensor + "-" + LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("quantity", quantity);
    body.put("slope", fit.slope());
    body.put("intercept", fit.intercept());
    body.put("id", id);
    body.put("from", versionFrom.toString());
    return api.call(
        spec,
        "POST",
        "/api/sensors/" + PlannerApi.enc(sensor) + "/calibration",
        Json.mapper().writeValueAsString(body),
        (r, o) -> o.printf("applied\t%s from %s%n", id, body.get("from").asText()));
  }

  /**
   * Reads a sensor's hourly means from the API into {@code into}: the raw means ({@code raw}) or
   * the corrected ones, leaving out hours below the coverage floor.
   */
  private int hourly(
      String id, String q, Instant a, Instant b, boolean raw, Map<Instant, Double> into)
      throws Exception {
    String path =
        "/api/series?sensor="
            + PlannerApi.enc(id)
            + "&quantity="
            + PlannerApi.enc(q)
            + "&window=1h&format=json&from="
            + PlannerApi.enc(a.toString())
            + "&to="
            + PlannerApi.enc(b.toString());
    return api.call(
        spec,
        "GET",
        path,
        null,
        (body, out) -> {
          for (JsonNode p : Json.mapper().readTree(body).path("points")) {
            long expected = p.path("expected").asLong();
            double coverage = expected == 0 ? 0 : 100.0 * p.path("count").asLong() / expected;
            JsonNode v = raw ? p.get("rawMean") : p.get("mean");
            if (coverage >= minCoverage && v != null && v.isNumber()) {
              into.put(Instant.parse(p.get("time").asText()), v.asDouble());
            }
          }
        });
  }
}
