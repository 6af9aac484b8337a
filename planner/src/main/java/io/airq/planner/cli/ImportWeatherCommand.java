package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.core.registry.SensorKind;
import io.airq.planner.weather.WeatherCsv;
import io.airq.planner.weather.WeatherFormat;
import io.airq.planner.weather.WeatherHour;
import io.airq.planner.weather.WeatherImport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weather import FILE --station ID}: reads the file here (every problem with its line
 * number, nothing sent while there is one), then sends it to the planner in batches, which puts
 * each hour on {@code airq.averages} as the station's hourly mean. Importing again overwrites the
 * same hours.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a weather station's hourly history from CSV (docs/weather.md): the Cork airport"
          + " columns (Timestamp, rain, temp, rhum, msl, wdsp in knots, wddir) or a plain"
          + " time,wind_speed,wind_dir,temperature,humidity,rain[,pressure] file.",
      "The station must be a registered sensor of kind weather. Each hour becomes the station's"
          + " hourly mean in InfluxDB (through airq.averages and the sink); importing the same"
          + " hours again overwrites them. Nothing is sent when any row is wrong: every problem is"
          + " listed with its line number."
    })
final class ImportWeatherCommand implements Callable<Integer> {
  private static final int SHOWN_ERRORS = 50;

  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
  Path file;

  @Option(
      names = "--station",
      required = true,
      paramLabel = "ID",
      description = "The weather station: a registered sensor of kind weather.")
  String station;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "cork or plain (default: from the header).")
  String format;

  @Option(
      names = "--wind-unit",
      paramLabel = "UNIT",
      description =
          "knots or m/s: the unit of the wind speed column (default: knots for cork, m/s"
              + " for plain).")
  String windUnit;

  @Option(
      names = "--dry-run",
      description = "Read and check the file and the station, send nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      err.println("cannot read " + file);
      return 2;
    }
    Optional<WeatherFormat> fmt = Optional.empty();
    if (format != null) {
      fmt = WeatherFormat.byId(format);
      if (fmt.isEmpty()) {
        err.println("--format must be cork or plain: " + format);
        return 2;
      }
    }
    Optional<WeatherFormat.WindUnit> unit = Optional.empty();
    if (windUnit != null) {
      unit = WeatherFormat.WindUnit.byId(windUnit);
      if (unit.isEmpty()) {
        err.println("--wind-unit must be knots or m/s: " + windUnit);
        return 2;
      }
    }
    WeatherCsv.Result r =
        WeatherCsv.parse(Files.readAllLines(file, StandardCharsets.UTF_8), fmt, unit);
    if (!r.errors().isEmpty()) {
      err.println(file + ": nothing imported, " + r.errors().size() + " problem(s):");
      r.errors().stream().limit(SHOWN_ERRORS).forEach(e -> err.println("  " + e));
      if (r.errors().size() > SHOWN_ERRORS) {
        err.println("  ... and " + (r.errors().size() - SHOWN_ERRORS) + " more");
      }
      err.flush();
      return 1;
    }
    describe(r, out);
    int station = checkStation(err);
    if (station != 0) {
      return station;
    }
    if (dryRun) {
      out.println("dry run: nothing sent");
      return 0;
    }
    return send(r.hours(), out, err);
  }

  private void describe(WeatherCsv.Result r, PrintWriter out) {
    out.printf(
        "%s: %d hours (%s format, wind speed in %s)",
        file.getFileName(), r.hours().size(), r.format().id(), r.windUnit().id());
    if (!r.hours().isEmpty()) {
      out.printf(
          " from %s to %s", r.hours().get(0).start(), r.hours().get(r.hours().size() - 1).start());
    }
    out.println();
    r.missing()
        .forEach((column, n) -> out.printf("  %s: %d missing value(s) (NA or empty)%n", column, n));
    if (!r.emptyRows().isEmpty()) {
      out.printf(
          "  %d row(s) without any weather value, not imported: line(s) %s%n",
          r.emptyRows().size(), lines(r.emptyRows()));
    }
  }

  /** 0 when the station is a registered weather sensor, else the exit code (said why). */
  private int checkStation(PrintWriter err) throws Exception {
    int[] kind = {0};
    int code =
        api.call(
            spec,
            "GET",
            "/api/sensors/" + PlannerApi.enc(station),
            null,
            (b, o) -> {
              JsonNode s = Json.mapper().readTree(b);
              String k = s.path("kind").asText(SensorKind.AIR.id());
              if (!k.equals(SensorKind.WEATHER.id())) {
                err.println(
                    "sensor " + station + " is of kind " + k + ", not weather: nothing imported");
                kind[0] = 1;
              }
            });
    if (code != 0) {
      err.println(
          "station "
              + station
              + " must be a registered sensor of kind weather (airq sensors add --kind weather);"
              + " nothing imported");
      err.flush();
      return code;
    }
    return kind[0];
  }

  private int send(List<WeatherHour> hours, PrintWriter out, PrintWriter err) throws Exception {
    int sent = 0;
    for (int from = 0; from < hours.size(); from += WeatherImport.MAX_HOURS) {
      List<WeatherHour> batch =
          hours.subList(from, Math.min(hours.size(), from + WeatherImport.MAX_HOURS));
      int code =
          api.call(
              spec,
              "POST",
              "/api/weather/" + PlannerApi.enc(station) + "/hours",
              body(batch),
              (b, o) -> {});
      if (code != 0) {
        err.printf(
            "stopped after %d of %d hours; importing the file again is safe (it overwrites)%n",
            sent, hours.size());
        err.flush();
        return code;
      }
      sent += batch.size();
      if (hours.size() > WeatherImport.MAX_HOURS) {
        err.printf("%d/%d hours sent%n", sent, hours.size());
        err.flush();
      }
    }
    out.printf(
        "imported %d hours for %s; the sink writes them to InfluxDB as its hourly means (airq series"
            + " --sensor %s --quantity wind_speed ...)%n",
        sent, station, station);
    return 0;
  }

  private static String body(List<WeatherHour> hours) {
    ObjectNode o = Json.mapper().createObjectNode();
    ArrayNode a = o.putArray("hours");
    for (WeatherHour h : hours) {
      ObjectNode x = a.addObject();
      x.put("start", h.start().toString());
      ObjectNode v = x.putObject("values");
      h.values().forEach((q, value) -> v.put(q.id(), value));
    }
    return Json.writeString(o);
  }

  /** Line numbers, the first 20 of them. */
  private static String lines(List<Integer> lines) {
    String shown = String.join(", ", lines.stream().limit(20).map(String::valueOf).toList());
    return lines.size() > 20 ? shown + ", ..." : shown;
  }
}
