package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.planner.onboarding.NodeListing;
import io.airq.planner.onboarding.Parsed;
import io.airq.planner.onboarding.SensorCsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sensors import FILE}: registers every sensor of a registry CSV or a sensors.AFRICA /
 * Sensor.Community node listing. Idempotent: a second run changes nothing and says so.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Register the sensors of a registry CSV or a sensors.AFRICA / Sensor.Community node listing"
          + " JSON (docs/registry.md). Fields a file gives replace the registered ones; the others"
          + " are kept. A second run changes nothing and says so.",
      "Nothing is imported when any entry is invalid: every problem is listed."
    })
final class ImportSensorsCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The CSV or node listing JSON.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv or nodes (default: csv for *.csv, else nodes).")
  String format;

  @Option(
      names = "--reporting-interval",
      paramLabel = "DURATION",
      description =
          "ISO duration for entries without one (default for node listings: PT145S, the airrohr"
              + " firmware's send interval; for CSV: none, i.e. the registry's PT1M).")
  String reportingInterval;

  @Option(names = "--licence", description = "Licence for entries without one, e.g. ODbL-1.0.")
  String licence;

  @Option(names = "--attribution", description = "Attribution for entries without one.")
  String attribution;

  @Option(names = "--host-type", description = "public or resident, for entries without one.")
  String hostType;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(file)) {
      err.println("cannot read " + file);
      return 2;
    }
    String fmt =
        format != null
            ? format
            : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? "csv"
                : "nodes";
    Parsed parsed;
    String interval = reportingInterval;
    if (fmt.equals("csv")) {
      parsed = SensorCsv.parse(Files.readString(file));
    } else if (fmt.equals("nodes")) {
      parsed = NodeListing.parse(Files.readString(file));
      interval = interval == null ? "PT145S" : interval;
    } else {
      err.println("--format must be csv or nodes: " + fmt);
      return 2;
    }
    if (!parsed.errors().isEmpty()) {
      err.println(file + ": nothing imported, " + parsed.errors().size() + " problem(s):");
      parsed.errors().forEach(e -> err.println("  " + e));
      err.flush();
      return 1;
    }
    ArrayNode body = Json.mapper().createArrayNode();
    for (ObjectNode s : parsed.sensors()) {
      ObjectNode o = s.deepCopy();
      putIfAbsent(o, "reportingInterval", interval);
      putIfAbsent(o, "licence", licence);
      putIfAbsent(o, "attribution", attribution);
      putIfAbsent(o, "hostType", hostType);
      body.add(o);
    }
    return api.call(
        spec,
        "POST",
        "/api/sensors/import",
        Json.writeString(body),
        (b, out) -> {
          JsonNode r = Json.mapper().readTree(b);
          int created = r.path("created").size();
          int updated = r.path("updated").size();
          int unchanged = r.path("unchanged").size();
          if (created + updated == 0) {
            out.printf(
                "nothing changed: all %d sensor(s) of %s are registered as given%n",
                unchanged, file.getFileName());
          } else {
            out.printf("%d created, %d updated, %d unchanged%n", created, updated, unchanged);
            r.path("created").forEach(id -> out.println("created\t" + id.asText()));
            r.path("updated").forEach(id -> out.println("updated\t" + id.asText()));
          }
        });
  }

  private static void putIfAbsent(ObjectNode o, String name, String value) {
    if (value != null && !o.hasNonNull(name)) {
      o.put(name, value);
    }
  }
}
