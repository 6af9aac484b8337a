package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code closures add|list|show}: register, list and show closures. */
@Command(
    name = "closures",
    mixinStandardHelpOptions = true,
    description = "Register, list and show closures.",
    subcommands = {
      AddClosureCommand.class,
      ClosuresCommand.ListClosures.class,
      ClosuresCommand.ShowClosure.class
    })
public final class ClosuresCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: says which ones there are. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("closures needs a subcommand: add, list or show");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List closures.")
  static final class ListClosures implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return api.call(
          spec,
          "GET",
          "/api/closures",
          null,
          (b, out) -> {
            for (JsonNode c : Json.mapper().readTree(b)) {
              out.printf(
                  "%s\t%s\t%s\t%s\t%s%n",
                  c.path("id").asText(),
                  c.path("start").asText(),
                  c.path("end").asText(),
                  c.path("zone").asText(),
                  c.path("name").asText());
            }
          });
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one closure as JSON.")
  static final class ShowClosure implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The closure id.")
    String id;

    @Override
    public Integer call() throws Exception {
      return api.call(
          spec, "GET", "/api/closures/" + PlannerApi.enc(id), null, (b, out) -> out.println(b));
    }
  }
}
