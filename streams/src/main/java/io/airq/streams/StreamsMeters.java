package io.airq.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * airq's own meters of the streams job: the readings it sets apart, one counter per {@code outcome}
 * ({@value #READINGS}): {@code quarantined} (of a sensor not in the registry), {@code late} (past
 * their hour's grace: to the late topic, not averaged) and {@code dead-lettered} (not readable: to
 * the readings dead-letter topic). Kafka Streams' own meters are bound beside them by {@link
 * StreamsApp}.
 */
public final class StreamsMeters {
  public static final String READINGS = "airq.streams.readings.set.apart";

  /** Meters that count nowhere (topology tests that do not look at them). */
  public static final StreamsMeters NONE = new StreamsMeters(new CompositeMeterRegistry());

  private final Counter quarantined;
  private final Counter late;
  private final Counter deadLettered;

  public StreamsMeters(MeterRegistry registry) {
    this.quarantined = counter(registry, "quarantined");
    this.late = counter(registry, "late");
    this.deadLettered = counter(registry, "dead-lettered");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(READINGS)
        .description("Readings the streams job set apart, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void quarantined() {
    quarantined.increment();
  }

  void late() {
    late.increment();
  }

  void deadLettered() {
    deadLettered.increment();
  }
}
