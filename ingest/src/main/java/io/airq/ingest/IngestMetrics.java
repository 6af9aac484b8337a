package io.airq.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The bridge's meters: {@code airq.ingest.messages{outcome}}, the Kafka send latency, the number of
 * messages received but not yet acknowledged, and the MQTT connection state.
 */
final class IngestMetrics {
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
  private final Timer sendLatency;
  private final IntSupplier inFlight;
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Counter paused;
  private final AtomicInteger connected = new AtomicInteger();

  /**
   * @param inFlight messages received and not yet acknowledged upstream (the bridge counts them)
   */
  IngestMetrics(MeterRegistry registry, IntSupplier inFlight) {
    this.inFlight = inFlight;
    for (Outcome o : Outcome.values()) {
      outcomes.put(
          o,
          Counter.builder("airq.ingest.messages")
              .description("messages by outcome")
              .tag("outcome", o.tag())
              .register(registry));
    }
    sendLatency =
        Timer.builder("airq.ingest.kafka.send")
            .description("time from the Kafka send of a message to the ack of all its records")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("airq.ingest.in.flight", inFlight, IntSupplier::getAsInt)
        .description("messages received and not yet acknowledged upstream")
        .register(registry);
    Gauge.builder("airq.ingest.in.flight.max", mostInFlight, AtomicInteger::get)
        .description("the most messages received and not yet acknowledged at once since start")
        .register(registry);
    paused =
        Counter.builder("airq.ingest.mqtt.paused")
            .description(
                "times reading from the broker paused because mqtt.receive-maximum messages were"
                    + " unacknowledged")
            .register(registry);
    Gauge.builder("airq.ingest.mqtt.connected", connected, AtomicInteger::get)
        .description("1 while connected to the MQTT broker")
        .register(registry);
  }

  void outcome(Outcome outcome) {
    outcomes.get(outcome).increment();
  }

  void sent(long startNanos) {
    sendLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  /** A message was received (and counted in flight); keeps the high-water mark. */
  void received() {
    mostInFlight.accumulateAndGet(inFlight.getAsInt(), Math::max);
  }

  int mostInFlight() {
    return mostInFlight.get();
  }

  void paused() {
    paused.increment();
  }

  void connected(boolean up) {
    connected.set(up ? 1 : 0);
  }

  boolean isConnected() {
    return connected.get() == 1;
  }
}
