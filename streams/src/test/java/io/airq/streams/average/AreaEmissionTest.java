package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * An area window is emitted once per emission interval with its latest means, however many of its
 * sensors' windows arrived in the interval, and a pending area window whose emission the previous
 * run did not commit is emitted by the next one.
 */
class AreaEmissionTest {
  private static final double GATE = 75;
  private static final Duration EMIT = Duration.ofSeconds(10);
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String AREA = "Nairobi CBD|1";

  private final MockProcessorContext<String, WindowAverages> context = new MockProcessorContext<>();
  private final KeyValueStore<String, Long> pending;

  AreaEmissionTest() {
    WindowStore<String, AreaAggregate> aggregates =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    AreaWindowsProcessor.STORE, Duration.ofDays(3), Duration.ofHours(1), false),
                Serdes.String(),
                AreaAggregate.SERDE)
            .withLoggingDisabled()
            .build();
    WindowStore<String, AreaInput> sensors =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    AreaWindowsProcessor.SENSORS_STORE,
                    Duration.ofDays(3),
                    Duration.ofHours(1),
                    false),
                Serdes.String(),
                AreaInput.SERDE)
            .withLoggingDisabled()
            .build();
    pending =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(AreaWindowsProcessor.PENDING_STORE),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    WindowStore<String, AreaAggregate> minuteAggregates =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    AreaWindowsProcessor.MINUTE_STORE,
                    Duration.ofDays(1),
                    Duration.ofMinutes(1),
                    false),
                Serdes.String(),
                AreaAggregate.SERDE)
            .withLoggingDisabled()
            .build();
    WindowStore<String, AreaInput> minuteSensors =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    AreaWindowsProcessor.MINUTE_SENSORS_STORE,
                    Duration.ofDays(1),
                    Duration.ofMinutes(1),
                    false),
                Serdes.String(),
                AreaInput.SERDE)
            .withLoggingDisabled()
            .build();
    for (var store : List.of(aggregates, sensors, pending, minuteAggregates, minuteSensors)) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
  }

  /** A sensor's complete hour (60 of 60 readings) of PM2.5 with this mean. */
  private static Record<String, AreaInput> hour(String sensor, double mean, long recordTime) {
    SensorMean m = new SensorMean(Quantity.PM25, 60, 60, mean, mean, mean, mean, "none");
    AreaInput in =
        new AreaInput(sensor, "Nairobi", AverageWindow.HOUR, H10.toEpochMilli(), List.of(m));
    return new Record<>(AREA, in, recordTime);
  }

  private AreaWindowsProcessor started() {
    AreaWindowsProcessor p = new AreaWindowsProcessor(GATE, EMIT);
    p.init(context);
    return p;
  }

  /** Runs the punctuator the last initialised processor scheduled. */
  private void emit(long wall) {
    var punctuators = context.scheduledPunctuators();
    assertThat(punctuators.get(punctuators.size() - 1).getInterval()).isEqualTo(EMIT);
    punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(wall);
  }

  private List<Record<? extends String, ? extends WindowAverages>> forwarded() {
    return context.forwarded().stream()
        .<Record<? extends String, ? extends WindowAverages>>map(f -> f.record())
        .toList();
  }

  @Test
  void anAreaWindowIsEmittedOncePerIntervalWithItsLatestMeans() {
    AreaWindowsProcessor p = started();
    long t = H10.toEpochMilli();
    p.process(hour("s-1", 10, t + 1_000));
    p.process(hour("s-2", 20, t + 3_000));
    p.process(hour("s-3", 30, t + 2_000));
    p.process(hour("s-1", 40, t + 4_000)); // s-1's hour again, later in the interval
    assertThat(context.forwarded()).as("nothing before the emission").isEmpty();

    emit(1);
    assertThat(forwarded())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo(AREA);
              assertThat(r.timestamp()).as("the latest input's time").isEqualTo(t + 4_000);
              WindowAverage a = r.value().averages().get(0);
              assertThat(a.scope().id()).isEqualTo("area");
              assertThat(a.key()).isEqualTo(AREA);
              assertThat(a.start()).isEqualTo(H10);
              assertThat(a.mean()).isEqualTo((40 + 20 + 30) / 3.0);
            });
    assertThat(pending.approximateNumEntries()).as("the mark is cleared").isZero();

    context.resetForwards();
    emit(2);
    assertThat(context.forwarded()).as("emitted once").isEmpty();

    p.process(hour("s-2", 50, t + 5_000));
    emit(3);
    assertThat(forwarded())
        .singleElement()
        .satisfies(
            r -> assertThat(r.value().averages().get(0).mean()).isEqualTo((40 + 50 + 30) / 3.0));
  }

  @Test
  void aPendingAreaWindowFoundInTheStoreAtStartIsEmittedAtTheFirstEmission() {
    long t = H10.toEpochMilli();
    // the previous run: updates committed, their emission not (it crashed before its punctuation)
    AreaWindowsProcessor before = started();
    before.process(hour("s-1", 10, t + 1_000));
    before.process(hour("s-2", 20, t + 2_000));
    assertThat(pending.approximateNumEntries()).isEqualTo(1);

    started();
    emit(1);
    assertThat(forwarded())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().averages().get(0).mean()).isEqualTo(15);
              assertThat(r.value().start()).isEqualTo(H10);
            });
    assertThat(pending.approximateNumEntries()).isZero();
  }

  @Test
  void aPendingKeyRoundTripsAreaNamesHoldingTheSeparator() {
    var w = new AreaWindowsProcessor.PendingWindow("a|b||c", AverageWindow.DAY_ROLLING, -5);
    assertThat(AreaWindowsProcessor.PendingWindow.of(w.key())).isEqualTo(w);
  }
}
