package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit}: the writes made through the planner API (needs an admin token). */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The writes made through the planner API: when, who, what (needs admin).")
final class AuditCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "The newest N entries; 0 = all (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "The entries as JSON, with what changed.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return api.call(
        spec,
        "GET",
        "/api/audit?limit=" + limit,
        null,
        (b, out) -> {
          if (json) {
            out.println(b);
            return;
          }
          for (JsonNode e : Json.mapper().readTree(b)) {
            out.printf(
                "%s\t%s (%s)\t%s %s\t%d%n",
                e.path("at").asText(),
                e.path("actor").asText(),
                e.path("role").asText(),
                e.path("method").asText(),
                e.path("path").asText(),
                e.path("status").asInt());
          }
        });
  }
}
