package io.airq.planner.health;

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
 * never seen, retired). Computed on a scrape, again when the registry changed or a minute passed;
 * when InfluxDB does not answer, the last counts stay.
 */
public final class NetworkGauges {
  public static final String SENSORS = "airq.planner.sensors";
  public static final List<String> STATUSES =
      List.of("online", "stale", "offline", "never seen", "retired");
  private static final Logger LOG = LoggerFactory.getLogger(NetworkGauges.class);
  private static final Duration REFRESH = Duration.ofMinutes(1);
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final Supplier<Collection<Sensor>> sensors;
  private final NetworkHealth health;
  private Map<String, Integer> counts = Map.of();
  private Set<Sensor> countedFor = Set.of();
  private long computedAt = Long.MIN_VALUE;

  private NetworkGauges(Supplier<Collection<Sensor>> sensors, NetworkHealth health) {
    this.sensors = sensors;
    this.health = health;
  }

  public static void bind(
      MeterRegistry meters, Supplier<Collection<Sensor>> sensors, NetworkHealth health) {
    NetworkGauges g = new NetworkGauges(sensors, health);
    for (String status : STATUSES) {
      Gauge.builder(SENSORS, () -> g.count(status))
          .description("Registered sensors by health status (docs/registry.md)")
          .tag("status", status)
          .register(meters);
    }
  }

  private synchronized int count(String status) {
    long now = System.nanoTime();
    Set<Sensor> registered = Set.copyOf(sensors.get());
    if (computedAt == Long.MIN_VALUE
        || now - computedAt >= REFRESH.toNanos()
        || !registered.equals(countedFor)) {
      try {
        Map<String, Integer> m = new HashMap<>();
        health.of(registered, UTC, 1).forEach(h -> m.merge(h.status(), 1, Integer::sum));
        counts = m;
        countedFor = registered;
      } catch (RuntimeException e) {
        LOG.warn("network health gauges not refreshed: {}", e.getMessage());
      }
      computedAt = now;
    }
    return counts.getOrDefault(status, 0);
  }
}
