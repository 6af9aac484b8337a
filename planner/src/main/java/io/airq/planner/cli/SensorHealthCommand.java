package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.planner.health.FlagPeriod;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sensors health [ID]}: one sensor's health (status, last reading, completeness per day), or
 * without an id the network's (counts by status, the sensors with the lowest completeness).
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "A sensor's health: status (online, stale, offline, never seen, retired), last reading,"
          + " readings seen / expected per local day and the share of values flagged per QA rule"
          + " over 24 h and 7 days; without ID, the network's: sensors by status,"
          + " the 10 in service with the lowest completeness, and over 24 h and 7 days the share"
          + " of readings flagged, per QA rule, and the 10 most flagged sensors"
          + " (docs/registry.md)."
    })
final class SensorHealthCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The sensor id.")
  String id;

  @Option(names = "--days", defaultValue = "7", description = "Days, today included (1-90).")
  int days;

  @Option(names = "--zone", defaultValue = "UTC", description = "IANA zone of the local days.")
  String zone;

  @Option(names = "--json", description = "Print the API's JSON answer.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String query = "?days=" + days + "&zone=" + PlannerApi.enc(zone);
    String path =
        id == null
            ? "/api/network" + query
            : "/api/sensors/" + PlannerApi.enc(id) + "/health" + query;
    return api.call(
        spec,
        "GET",
        path,
        null,
        (b, out) -> {
          if (json) {
            out.println(b);
            return;
          }
          JsonNode h = Json.mapper().readTree(b);
          if (id == null) {
            out.printf("%d sensors%n", h.path("sensors").asInt());
            h.path("byStatus")
                .fields()
                .forEachRemaining(e -> out.printf("%s\t%d%n", e.getKey(), e.getValue().asInt()));
            out.println("lowest completeness:");
            for (JsonNode w : h.path("worst")) {
              out.printf(
                  "%s\t%s\t%.1f%%%n",
                  w.path("sensor").asText(),
                  w.path("status").asText(),
                  100 * w.path("completeness").asDouble());
            }
            JsonNode qa = h.path("qaFlags");
            java.util.Set<String> rules = new java.util.TreeSet<>();
            for (FlagPeriod p : FlagPeriod.values()) {
              JsonNode f = qa.path(p.field());
              out.printf(
                  java.util.Locale.ROOT,
                  "flagged in %s\t%d/%d readings\t%.1f%%\tcounted at %s%n",
                  p.label(),
                  f.path("flagged").asLong(),
                  f.path("readings").asLong(),
                  100 * f.path("share").asDouble(),
                  f.path("countedAt").asText());
              f.path("byRule").fieldNames().forEachRemaining(rules::add);
            }
            for (String rule : rules) {
              out.println(sharesByPeriod(rule, p -> qa.path(p.field()).path("byRule").path(rule)));
            }
            for (FlagPeriod p : FlagPeriod.values()) {
              out.printf("most flagged in %s:%n", p.label());
              for (JsonNode w : qa.path(p.field()).path("mostFlagged")) {
                out.printf(
                    java.util.Locale.ROOT,
                    "%s\t%d/%d\t%.1f%%%n",
                    w.path("sensor").asText(),
                    w.path("flagged").asLong(),
                    w.path("readings").asLong(),
                    100 * w.path("share").asDouble());
              }
            }
          } else {
            out.printf(
                "%s\t%s\tlast reading %s%n",
                h.path("sensor").asText(),
                h.path("status").asText(),
                h.path("lastReading").asText("never"));
            for (JsonNode d : h.path("days")) {
              out.printf(
                  "%s\t%d/%d%s%n",
                  d.path("date").asText(),
                  d.path("seen").asLong(),
                  d.path("expected").asLong(),
                  d.hasNonNull("completeness")
                      ? String.format("\t%.1f%%", 100 * d.get("completeness").asDouble())
                      : "");
            }
            JsonNode qa = h.path("qaFlags");
            java.util.Set<String> rules = new java.util.TreeSet<>();
            for (FlagPeriod p : FlagPeriod.values()) {
              qa.path(p.field()).fieldNames().forEachRemaining(rules::add);
            }
            for (String rule : rules) {
              out.println(sharesByPeriod(rule, p -> qa.path(p.field()).path(rule)));
            }
          }
        });
  }

  /** "flagged RULE", then per period its label and the share, e.g. "\t24h 1.2%\t7d 0.8%". */
  private static String sharesByPeriod(String rule, Function<FlagPeriod, JsonNode> share) {
    StringBuilder row = new StringBuilder("flagged ").append(rule);
    for (FlagPeriod p : FlagPeriod.values()) {
      row.append(
          String.format(Locale.ROOT, "\t%s %.1f%%", p.label(), 100 * share.apply(p).asDouble(0)));
    }
    return row.toString();
  }
}
