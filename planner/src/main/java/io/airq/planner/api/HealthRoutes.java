package io.airq.planner.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.planner.health.FlagPeriod;
import io.airq.planner.health.NetworkFlagCounts;
import io.airq.planner.health.NetworkFlags;
import io.airq.planner.health.NetworkHealth;
import io.airq.planner.health.SensorHealth;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.registry.Registry;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Network health: {@code GET /api/sensors/{id}/health} and {@code GET /api/network}, from the raw
 * readings in InfluxDB and the registry ({@code ?days=7&zone=UTC}).
 */
final class HealthRoutes {
  private static final int WORST = 10;

  private final Registry registry;
  private final NetworkHealth health;
  private final AverageReader reader;
  private final Clock clock;
  private final NetworkFlagCounts flagCounts;

  HealthRoutes(Registry registry, AverageReader reader, Clock clock, NetworkFlagCounts flagCounts) {
    this.registry = registry;
    this.health = new NetworkHealth(reader, clock);
    this.reader = reader;
    this.clock = clock;
    this.flagCounts = flagCounts;
  }

  void sensor(HttpExchange ex, String id, Map<String, String> q) throws IOException {
    Sensor s =
        registry
            .sensor(id)
            .orElseThrow(() -> new Http.ClientError(404, List.of("no sensor " + id)));
    Http.json(
        ex,
        200,
        health(List.of(s), q).get(0).withQaFlags(reader.qaFlagShares(id, clock.instant())));
  }

  /**
   * Counts by status, the sensors in service with the lowest completeness, and the QA flags of the
   * last 24 hours and of the last 7 days: the network's share of flagged readings, per rule, and
   * the most flagged sensors, as {@link NetworkFlagCounts} last counted them ({@code countedAt}).
   */
  void network(HttpExchange ex, Map<String, String> q) throws IOException {
    List<SensorHealth> all = health(registry.sensors(), q);
    Map<String, Integer> byStatus = new TreeMap<>();
    for (String st : List.of("online", "stale", "offline", "never seen", "retired")) {
      byStatus.put(st, 0);
    }
    all.forEach(h -> byStatus.merge(h.status(), 1, Integer::sum));
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("sensors", all.size());
    o.set("byStatus", JsonOut.tree(byStatus));
    o.set(
        "worst",
        JsonOut.tree(
            all.stream()
                .filter(h -> h.completeness() != null && !h.status().equals("retired"))
                .sorted(
                    Comparator.comparingDouble(SensorHealth::completeness)
                        .thenComparing(SensorHealth::sensor))
                .limit(WORST)
                .map(
                    h ->
                        Map.of(
                            "sensor",
                            h.sensor(),
                            "completeness",
                            h.completeness(),
                            "status",
                            h.status()))
                .toList()));
    ObjectNode f = o.putObject("qaFlags");
    for (FlagPeriod period : FlagPeriod.values()) {
      NetworkFlagCounts.Counted counted = flagCounts.get(period);
      NetworkFlags flags = counted.flags();
      ObjectNode p = f.putObject(period.field());
      p.put("countedAt", counted.countedAt().toString());
      p.put("readings", flags.readings());
      p.put("flagged", flags.flagged());
      p.put("share", flags.share());
      p.set("byRule", JsonOut.tree(flags.ruleShares()));
      p.set("mostFlagged", JsonOut.tree(flags.worst(WORST)));
    }
    Http.json(ex, 200, o);
  }

  private List<SensorHealth> health(Collection<Sensor> sensors, Map<String, String> q) {
    ZoneId zone;
    int days;
    try {
      zone = ZoneId.of(q.getOrDefault("zone", "UTC"));
      days = Integer.parseInt(q.getOrDefault("days", "7"));
    } catch (DateTimeException | NumberFormatException e) {
      throw new Http.ClientError(400, List.of("zone must be an IANA zone and days a number"));
    }
    if (days < 1 || days > 90) {
      throw new Http.ClientError(400, List.of("days must be 1 to 90"));
    }
    return health.of(sensors, zone, days);
  }
}
