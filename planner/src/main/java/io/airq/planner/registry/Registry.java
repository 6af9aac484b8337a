package io.airq.planner.registry;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topics;
import io.airq.kit.Check;
import io.airq.kit.CompactedTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sensors and closures, kept in memory from the compacted SENSORS and CLOSURES topics, and the
 * latest live phase aggregates from the CLOSURE_IMPACT topic: three kit {@link CompactedTable}s.
 */
public final class Registry implements AutoCloseable {
  private final CompactedTable<Sensor> sensors;
  private final CompactedTable<Closure> closures;
  private final CompactedTable<PhaseAggregate> impact;

  /** The live aggregates by closure, group, phase and quantity (read from the values). */
  private final Map<String, PhaseAggregate> aggregates = new ConcurrentHashMap<>();

  private Registry(Properties kafka, String topicPrefix) {
    this.sensors = CompactedTable.start(kafka, Topics.SENSORS.prefixed(topicPrefix));
    this.closures = CompactedTable.start(kafka, Topics.CLOSURES.prefixed(topicPrefix));
    this.impact = CompactedTable.start(kafka, Topics.CLOSURE_IMPACT.prefixed(topicPrefix));
    impact.onChange(
        (key, a) -> {
          if (a != null) {
            aggregates.put(aggregateKey(a.closureId(), a.group(), a.phase(), a.quantity()), a);
          }
        });
  }

  /**
   * Starts reading the three topics in the background.
   *
   * @param kafka the Kafka client properties (kit {@code KafkaClients.properties})
   */
  public static Registry start(Properties kafka, String topicPrefix) {
    return new Registry(kafka, topicPrefix);
  }

  /**
   * Waits until the closures written so far are read, so a read right after a write sees it.
   *
   * @return whether that happened within the timeout
   */
  public boolean awaitClosures(Duration timeout) {
    return closures.awaitCaughtUp(timeout);
  }

  public Collection<Sensor> sensors() {
    return List.copyOf(sensors.snapshot().values());
  }

  public Optional<Sensor> sensor(String id) {
    return sensors.get(id);
  }

  public Collection<Closure> closures() {
    return List.copyOf(closures.snapshot().values());
  }

  public Optional<Closure> closure(String id) {
    return closures.get(id);
  }

  /** The latest live aggregate the streams job emitted for this closure, group, phase, quantity. */
  public Optional<PhaseAggregate> aggregate(
      String closureId, Group group, Phase phase, Quantity quantity) {
    return Optional.ofNullable(aggregates.get(aggregateKey(closureId, group, phase, quantity)));
  }

  private static String aggregateKey(String closure, Group g, Phase p, Quantity q) {
    return closure + "/" + g + "/" + p + "/" + q;
  }

  /** Each table's health: up once it was read to the end and while its reader runs. */
  public Map<String, Supplier<Check>> checks() {
    Map<String, Supplier<Check>> m = new LinkedHashMap<>();
    m.put("sensors", sensors::check);
    m.put("closures", closures::check);
    m.put("closure-impact", impact::check);
    return m;
  }

  /** {@code airq.planner.registry.entries{table=sensors|closures|closure-impact}}. */
  public void bindTo(MeterRegistry meters) {
    Map<String, Supplier<Integer>> sizes =
        Map.of(
            "sensors", () -> sensors.snapshot().size(),
            "closures", () -> closures.snapshot().size(),
            "closure-impact", aggregates::size);
    sizes.forEach(
        (table, size) ->
            Gauge.builder("airq.planner.registry.entries", size::get)
                .description("Entries the planner holds from each registry topic")
                .tag("table", table)
                .register(meters));
  }

  @Override
  public void close() {
    sensors.close();
    closures.close();
    impact.close();
  }
}
