package io.airq.planner.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code closures add}: registers a closure from a JSON file or from options. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = "Register a closure (from a JSON file or options; docs/api.md).")
final class AddClosureCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", paramLabel = "FILE", description = "A closure as JSON (docs/api.md).")
  Path file;

  @Option(names = "--id", description = "The closure id.")
  String id;

  @Option(names = "--name", description = "A name people read.")
  String name;

  @Option(names = "--start", description = "Local start, e.g. 2023-09-22T07:00.")
  String start;

  @Option(names = "--end", description = "Local end.")
  String end;

  @Option(names = "--zone", defaultValue = "UTC", description = "IANA zone (default: UTC).")
  String zone;

  @Option(names = "--treated-sensor", description = "A treated sensor id (repeatable).")
  List<String> treatedSensors = new ArrayList<>();

  @Option(names = "--treated-area", description = "A treated area (repeatable).")
  List<String> treatedAreas = new ArrayList<>();

  @Option(names = "--control-sensor", description = "A control sensor id (repeatable).")
  List<String> controlSensors = new ArrayList<>();

  @Option(names = "--control-area", description = "A control area (repeatable).")
  List<String> controlAreas = new ArrayList<>();

  @Option(names = "--baseline", description = "ISO duration, e.g. P7D.")
  String baseline;

  @Option(names = "--after", description = "ISO duration, e.g. P7D.")
  String after;

  @Option(
      names = "--comparison",
      paramLabel = "START/END",
      description = "A baseline period START/END in local time (repeatable).")
  List<String> comparisons = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String body;
    if (file != null) {
      body = Files.readString(file);
    } else {
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("id", id);
      if (name != null) {
        o.put("name", name);
      }
      o.put("start", start);
      o.put("end", end);
      o.put("zone", zone);
      selection(o.putObject("treated"), treatedSensors, treatedAreas);
      selection(o.putObject("control"), controlSensors, controlAreas);
      if (baseline != null) {
        o.put("baseline", baseline);
      }
      if (after != null) {
        o.put("after", after);
      }
      ArrayNode cps = o.putArray("comparisonPeriods");
      for (String c : comparisons) {
        String[] se = c.split("/", 2);
        if (se.length != 2) {
          spec.commandLine().getErr().println("--comparison must be START/END: " + c);
          return 2;
        }
        cps.addObject().put("start", se[0]).put("end", se[1]);
      }
      body = Json.writeString(o);
    }
    return api.call(spec, "POST", "/api/closures", body, (b, out) -> out.println(b));
  }

  private static void selection(ObjectNode o, List<String> sensors, List<String> areas) {
    sensors.forEach(o.withArray("sensors")::add);
    areas.forEach(o.withArray("areas")::add);
  }
}
