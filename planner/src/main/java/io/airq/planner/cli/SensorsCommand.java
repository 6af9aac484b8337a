package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sensors add|import|list|show|retire|health}: the sensor registry (docs/registry.md). */
@Command(
    name = "sensors",
    mixinStandardHelpOptions = true,
    description =
        "Register, import, list, show and retire sensors; their health (docs/registry.md).",
    subcommands = {
      AddSensorCommand.class,
      ImportSensorsCommand.class,
      SensorsCommand.ListSensors.class,
      SensorsCommand.ShowSensor.class,
      SensorsCommand.RetireSensor.class,
      SensorHealthCommand.class
    })
public final class SensorsCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: says which ones there are. */
  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("sensors needs a subcommand: add, import, list, show, retire or health");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "List sensors, one a line: id, kind, active or retired, lat, lon, area, model,"
              + " installed.")
  static final class ListSensors implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return api.call(
          spec,
          "GET",
          "/api/sensors",
          null,
          (b, out) -> {
            for (JsonNode s : Json.mapper().readTree(b)) {
              out.printf(
                  "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n",
                  s.path("id").asText(),
                  s.path("kind").asText(),
                  s.hasNonNull("retired")
                      ? "retired " + s.get("retired").asText()
                      : s.path("active").asBoolean() ? "active" : "not yet installed",
                  s.path("lat").asText(),
                  s.path("lon").asText(),
                  s.path("area").asText(),
                  s.path("model").asText(),
                  s.path("installed").asText("-"));
            }
          });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one sensor as JSON.")
  static final class ShowSensor implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The sensor id.")
    String id;

    @Override
    public Integer call() throws Exception {
      return api.call(
          spec, "GET", "/api/sensors/" + PlannerApi.enc(id), null, (b, out) -> out.println(b));
    }
  }

  @Command(
      name = "retire",
      mixinStandardHelpOptions = true,
      description =
          "Retire a sensor: it stops counting from then on and stays in the registry, so past"
              + " reports do not change.")
  static final class RetireSensor implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The sensor id.")
    String id;

    @Option(
        names = "--at",
        paramLabel = "WHEN",
        description = "ISO instant or date (midnight UTC) it was retired (default: now).")
    String at;

    @Override
    public Integer call() throws Exception {
      String body =
          at == null ? "{}" : Json.writeString(Json.mapper().createObjectNode().put("retired", at));
      return api.call(
          spec,
          "POST",
          "/api/sensors/" + PlannerApi.enc(id) + "/retire",
          body,
          (b, out) -> out.println(b));
    }
  }
}
