package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.json.JsonSerde;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * The crash case exactly-once alone does not cover: an hour's update was committed, its emission
 * was not. The pending mark is in the (restored) store, so the restarted processor emits it.
 */
class PendingHourRecoveryTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Sensor CBD =
      Sensor.builder("nbo-cbd-01")
          .position(-1.28, 36.82)
          .area("cbd")
          .county("Nairobi")
          .reportingInterval(Duration.ofMinutes(20))
          .model("SDS011")
          .build();

  /** The processor's stores, in memory and registered with the context; CBD is registered. */
  private record ProcessorStores(
      WindowStore<String, WindowAccumulators> minutes,
      WindowStore<String, WindowAccumulators> hours) {}

  private static ProcessorStores stores(
      MockProcessorContext<String, SensorWindow> context, Map<AverageWindow, Duration> grace) {
    WindowStore<String, WindowAccumulators> minutes =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    SensorWindowsProcessor.MINUTE_STORE,
                    Duration.ofHours(27),
                    Duration.ofMinutes(1),
                    false),
                Serdes.String(),
                WindowAccumulators.SERDE)
            .withLoggingDisabled()
            .build();
    WindowStore<String, WindowAccumulators> hours =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    SensorWindowsProcessor.HOUR_STORE,
                    SensorWindowsProcessor.hourRetention(grace),
                    Duration.ofHours(1),
                    false),
                Serdes.String(),
                WindowAccumulators.SERDE)
            .withLoggingDisabled()
            .build();
    KeyValueStore<String, Sensor> sensors =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("sensors-store"),
                Serdes.String(),
                JsonSerde.of(Sensor.class))
            .withLoggingDisabled()
            .build();
    for (var store : List.of(minutes, hours, sensors)) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    sensors.put(CBD.id(), CBD);
    return new ProcessorStores(minutes, hours);
  }

  /** A processor (10 s emission interval) initialised on the context's stores. */
  private static SensorWindowsProcessor started(
      MockProcessorContext<String, SensorWindow> context, Map<AverageWindow, Duration> grace) {
    SensorWindowsProcessor p =
        new SensorWindowsProcessor("sensors-store", grace, java.time.Duration.ofSeconds(10), 75);
    p.init(context);
    return p;
  }

  /** A clean PM2.5 reading of CBD measured at 10:01. */
  private static CleanReading pm25At1001(double value) {
    return new CleanReading(
        CBD.id(),
        H10.plusSeconds(60),
        H10.plusSeconds(60),
        null,
        SourceFormat.AIRQ_JSON,
        null,
        Map.of(Quantity.PM25, CorrectedValue.uncorrected(value)),
        List.of());
  }

  @Test
  void aPendingMinuteFoundInTheStoreAtStartIsEmittedAtTheFirstEmission() {
    // until 2026-11-27 this threw UnsupportedOperationException in the punctuator (its wait map
    // was an immutable empty map), stopping the streams client at every start
    Map<AverageWindow, Duration> grace = StreamsSettings.defaults("").grace();
    MockProcessorContext<String, SensorWindow> context = new MockProcessorContext<>();
    WindowStore<String, WindowAccumulators> minutes = stores(context, grace).minutes();
    long minute = H10.plusSeconds(60).toEpochMilli();
    minutes.put(CBD.id(), WindowAccumulators.EMPTY.add(pm25At1001(9), minute), minute);

    SensorWindowsProcessor p = started(context, grace);
    context.setCurrentStreamTimeMs(minute + 30_000);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(minute + 1000);

    List<SensorWindow> out =
        context.forwarded().stream().<SensorWindow>map(f -> f.record().value()).toList();
    assertThat(out)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.window()).isEqualTo(AverageWindow.MINUTE);
              assertThat(m.averages())
                  .singleElement()
                  .satisfies(a -> assertThat(a.mean()).isEqualTo(9));
            });
    assertThat(minutes.fetch(CBD.id(), minute).pending()).isFalse();
    context.resetForwards();
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(minute + 2000);
    assertThat(context.forwarded()).as("emitted once").isEmpty();
  }

  @Test
  void aPendingHourFoundInTheStoreAtStartIsEmittedAtTheFirstEmission() {
    Map<AverageWindow, Duration> grace = StreamsSettings.defaults("").grace();
    MockProcessorContext<String, SensorWindow> context = new MockProcessorContext<>();
    WindowStore<String, WindowAccumulators> hours = stores(context, grace).hours();
    // what the previous run committed: the hour updated by a reading, still pending
    CleanReading r = pm25At1001(12);
    long t = H10.toEpochMilli();
    hours.put(CBD.id(), WindowAccumulators.EMPTY.add(r, t), t);

    SensorWindowsProcessor p = started(context, grace);
    context.setCurrentStreamTimeMs(t + 60_000);
    assertThat(context.forwarded()).isEmpty();
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(t + 1000);

    List<SensorWindow> out =
        context.forwarded().stream().<SensorWindow>map(f -> f.record().value()).toList();
    assertThat(out).extracting(SensorWindow::window).contains(AverageWindow.HOUR);
    SensorWindow hour =
        out.stream().filter(w -> w.window() == AverageWindow.HOUR).findFirst().orElseThrow();
    assertThat(hour.start()).isEqualTo(H10);
    assertThat(hour.averages()).singleElement().satisfies(a -> assertThat(a.mean()).isEqualTo(12));
    assertThat(hours.fetch(CBD.id(), t).pending()).as("emitted and cleared together").isFalse();

    context.resetForwards();
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(t + 2000);
    assertThat(context.forwarded()).as("emitted once").isEmpty();
  }

  @Test
  void aTaskInitialisedAgainAfterAnAbortForgetsTheWindowsItHeldInMemory() {
    Map<AverageWindow, Duration> grace = StreamsSettings.defaults("").grace();
    MockProcessorContext<String, SensorWindow> context = new MockProcessorContext<>();
    ProcessorStores stores = stores(context, grace);
    WindowStore<String, WindowAccumulators> minutes = stores.minutes();
    WindowStore<String, WindowAccumulators> hours = stores.hours();
    SensorWindowsProcessor p = started(context, grace);
    long t = H10.toEpochMilli();
    CleanReading r = pm25At1001(12);
    context.setCurrentStreamTimeMs(t + 60_000);
    p.process(
        new org.apache.kafka.streams.processor.api.Record<>(
            CBD.id(), new SensorWindowsProcessor.Input(r, CBD, t + 60_000), t + 60_000));
    // the transaction holding that reading is aborted: its store updates are rolled back (here:
    // removed) and Kafka Streams initialises the task's processors again before reprocessing
    hours.put(CBD.id(), null, t);
    minutes.put(CBD.id(), null, t + 60_000);
    p.close();
    context.resetForwards();
    p.init(context);
    var punctuators = context.scheduledPunctuators();
    punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(t + 30_000);
    assertThat(context.forwarded()).as("nothing of the rolled-back reading is emitted").isEmpty();
  }

  @Test
  void afterARestartTheLatestStoredHoursDayWindowIsEmittedOnceTheHourIsComplete() {
    Map<AverageWindow, Duration> grace = StreamsSettings.defaults("").grace();
    MockProcessorContext<String, SensorWindow> context = new MockProcessorContext<>();
    WindowStore<String, WindowAccumulators> hours = stores(context, grace).hours();
    // what the previous run committed: hour 10:00 emitted, its 24-hour window not yet (the hour was
    // still open), and which window was owed was only in the previous run's memory
    long t = H10.toEpochMilli();
    hours.put(CBD.id(), WindowAccumulators.EMPTY.add(pm25At1001(12), t).emitted(), t);

    SensorWindowsProcessor p = started(context, grace);
    var punctuator = context.scheduledPunctuators().get(0).getPunctuator();
    context.setCurrentStreamTimeMs(t + 59 * 60_000);
    punctuator.punctuate(1);
    assertThat(context.forwarded()).as("10:00 is still open on the partition").isEmpty();

    context.setCurrentStreamTimeMs(t + 61 * 60_000);
    punctuator.punctuate(2);
    List<SensorWindow> out =
        context.forwarded().stream().<SensorWindow>map(f -> f.record().value()).toList();
    assertThat(out)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.window()).isEqualTo(AverageWindow.DAY_ROLLING);
              assertThat(d.start()).isEqualTo(H10.minus(Duration.ofHours(23)));
              assertThat(d.averages())
                  .singleElement()
                  .satisfies(a -> assertThat(a.mean()).isEqualTo(12));
            });
    context.resetForwards();
    punctuator.punctuate(3);
    assertThat(context.forwarded()).as("emitted once").isEmpty();
  }

  @Test
  void afterARestartWithTheNextHourPendingTheDayWindowOfTheHourBeforeIsEmitted() {
    Map<AverageWindow, Duration> grace = StreamsSettings.defaults("").grace();
    MockProcessorContext<String, SensorWindow> context = new MockProcessorContext<>();
    WindowStore<String, WindowAccumulators> hours = stores(context, grace).hours();
    // committed before the restart: 10:00 emitted while open (its day window owed, in memory
    // only), then a reading of 11:00 updated that hour, which is still pending
    long t10 = H10.toEpochMilli();
    long t11 = t10 + 3_600_000L;
    hours.put(CBD.id(), WindowAccumulators.EMPTY.add(pm25At1001(12), t10).emitted(), t10);
    CleanReading at1101 =
        new CleanReading(
            CBD.id(),
            H10.plusSeconds(3660),
            H10.plusSeconds(3660),
            null,
            SourceFormat.AIRQ_JSON,
            null,
            Map.of(Quantity.PM25, CorrectedValue.uncorrected(20)),
            List.of());
    hours.put(CBD.id(), WindowAccumulators.EMPTY.add(at1101, t11 + 60_000), t11);

    SensorWindowsProcessor p = started(context, grace);
    context.setCurrentStreamTimeMs(t11 + 60_000);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(1);
    List<SensorWindow> out =
        context.forwarded().stream().<SensorWindow>map(f -> f.record().value()).toList();
    assertThat(out)
        .extracting(w -> w.window() + " " + w.start())
        .containsExactlyInAnyOrder(
            "1h " + H10.plusSeconds(3600), "24h " + H10.minus(Duration.ofHours(23)));
  }
}
