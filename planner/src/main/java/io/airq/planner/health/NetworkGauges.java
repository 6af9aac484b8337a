package io.airq.planner.health;

import io.airq.core.reading.QaRule;
import io.airq.core.registry.Sensor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus gauges of the network: {@code airq.planner.sensors{status}} (online, stale, offline,
 * never seen, retired) and {@code airq.planner.flagged.share{rule,period}} (the share of the
 * registered sensors' raw readings of the last 24 hours ({@code period=24h}) and of the last 7 days
 * ({@code 7d}) flagged by each QA rule, {@code any}: by any rule). Computed on a scrape, again when
 * the registry changed or a minute passed; the shares are those of {@link NetworkFlagCounts}, which
 * the API shares and which counts again as {@link FlagPeriod#gaugeRefresh()} says. When InfluxDB
 * does not answer, the last values stay.
 */
public final class NetworkGauges {
  public static final String SENSORS = "airq.planner.sensors";
  public static final String FLAGGED = "airq.planner.flagged.share";
  public static final List<String> STATUSES =
      List.of("online", "stale", "offline", "never seen", "retired");
  private static final Logger LOG = LoggerFactory.getLogger(NetworkGauges.class);
  private static final Duration REFRESH = Duration.ofMinutes(1);
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final Supplier<Collection<Sensor>> sensors;
  private final NetworkHealth health;
  private final NetworkFlagCounts flags;
  private volatile Map<String, Integer> counts = Map.of();

  /** By "period|rule", e.g. "7d|stuck", "24h|any". */
  private volatile Map<String, Double> flagged = Map.of();

  private Set<Sensor> countedFor = Set.of();
  private long computedAt = Long.MIN_VALUE;

  private NetworkGauges(
      Supplier<Collection<Sensor>> sensors, NetworkHealth health, NetworkFlagCounts flags) {
    this.sensors = sensors;
    this.health = health;
    this.flags = flags;
  }

  /**
   * @param flags the network's QA-flag counts, shared with {@code GET /api/network}
   */
  public static void bind(
      MeterRegistry meters,
      Supplier<Collection<Sensor>> sensors,
      NetworkHealth health,
      NetworkFlagCounts flags) {
    NetworkGauges g = new NetworkGauges(sensors, health, flags);
    for (String status : STATUSES) {
      Gauge.builder(SENSORS, () -> g.current().counts.getOrDefault(status, 0))
          .description("Registered sensors by health status (docs/registry.md)")
          .tag("status", status)
          .register(meters);
    }
    List<String> rules = new java.util.ArrayList<>(List.of("any"));
    for (QaRule r : QaRule.values()) {
      rules.add(r.id());
    }
    for (FlagPeriod period : FlagPeriod.values()) {
      for (String rule : rules) {
        String key = period.label() + "|" + rule;
        Gauge.builder(FLAGGED, () -> g.current().flagged.getOrDefault(key, 0.0))
            .description(
                "Share of the registered sensors' raw readings of the last 24 h or 7 days flagged"
                    + " by a QA rule (docs/registry.md)")
            .tag("rule", rule)
            .tag("period", period.label())
            .register(meters);
      }
    }
  }

  private synchronized NetworkGauges current() {
    long now = System.nanoTime();
    Set<Sensor> registered = Set.copyOf(sensors.get());
    if (computedAt == Long.MIN_VALUE
        || now - computedAt >= REFRESH.toNanos()
        || !registered.equals(countedFor)) {
      try {
        Map<String, Integer> m = new HashMap<>();
        health.of(registered, UTC, 1).forEach(h -> m.merge(h.status(), 1, Integer::sum));
        counts = m;
      } catch (RuntimeException e) {
        LOG.warn("sensor status gauges not refreshed: {}", e.getMessage());
      }
      countedFor = registered;
      Map<String, Double> shares = new HashMap<>(flagged);
      for (FlagPeriod period : FlagPeriod.values()) {
        try {
          NetworkFlags f = flags.get(period).flags();
          shares.keySet().removeIf(k -> k.startsWith(period.label() + "|"));
          f.ruleShares().forEach((rule, share) -> shares.put(period.label() + "|" + rule, share));
          shares.put(period.label() + "|any", f.share());
        } catch (RuntimeException e) {
          LOG.warn(
              "QA flag gauges of the last {} not refreshed: {}", period.label(), e.getMessage());
        }
      }
      flagged = shares;
      computedAt = now;
    }
    return this;
  }
}
