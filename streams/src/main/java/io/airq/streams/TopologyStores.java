package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.json.JsonSerde;
import io.airq.streams.average.AreaAggregate;
import io.airq.streams.average.AreaInput;
import io.airq.streams.average.AreaWindowsProcessor;
import io.airq.streams.average.SensorWindowsProcessor;
import io.airq.streams.average.WindowAccumulators;
import io.airq.streams.closure.ClosureImpactProcessor;
import io.airq.streams.quality.SensorHistory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The state stores of {@link AirqTopology}, each named (its changelog topic keeps the name across
 * releases), with its retention and serdes.
 */
final class TopologyStores {
  private static final Map<String, String> APPEND_TIME =
      Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
  private static final Serde<PhaseAggregate> PHASE_AGG = JsonSerde.of(PhaseAggregate.class);
  private static final Serde<WindowAverage> WINDOW_AVERAGE = JsonSerde.of(WindowAverage.class);

  private TopologyStores() {}

  /** Adds every store the topology's processors use. */
  static void add(StreamsBuilder b, StreamsSettings settings) {
    b.addStateStore(
        windowStore(
            DedupProcessor.STORE, settings.dedupHorizon(), Duration.ofMillis(1), Serdes.Long()));
    b.addStateStore(
        windowStore(
            DedupProcessor.DIGEST_STORE,
            settings.digestHorizon(),
            Duration.ofMillis(1),
            Serdes.Long()));
    b.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CleaningProcessor.HISTORY_STORE),
                Serdes.String(),
                SensorHistory.SERDE)
            .withCachingEnabled());
    windowStores(b, settings);
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ClosureImpactProcessor.CONTRIBUTIONS_STORE),
            Serdes.String(),
            AirqTopology.CONTRIBUTION));
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ClosureImpactProcessor.AGGREGATES_STORE),
            Serdes.String(),
            PHASE_AGG));
  }

  private static void windowStores(StreamsBuilder b, StreamsSettings settings) {
    Map<AverageWindow, Duration> grace = settings.grace();
    Duration hourRetention = SensorWindowsProcessor.hourRetention(grace);
    b.addStateStore(
        windowStore(
            SensorWindowsProcessor.MINUTE_STORE,
            SensorWindowsProcessor.minuteRetention(grace),
            AverageWindow.MINUTE.size(),
            WindowAccumulators.SERDE));
    b.addStateStore(
        windowStore(
                SensorWindowsProcessor.HOUR_STORE,
                hourRetention,
                AverageWindow.HOUR.size(),
                WindowAccumulators.SERDE)
            .withCachingEnabled());
    b.addStateStore(
        windowStore(
                AreaWindowsProcessor.STORE,
                hourRetention,
                AverageWindow.HOUR.size(),
                AreaAggregate.SERDE)
            .withCachingEnabled());
    b.addStateStore(
        windowStore(
                AreaWindowsProcessor.SENSORS_STORE,
                hourRetention,
                AverageWindow.HOUR.size(),
                AreaInput.SERDE)
            .withCachingEnabled());
    // the area minutes: kept as long as the sensors' minutes that feed them
    Duration minuteRetention = SensorWindowsProcessor.minuteRetention(grace);
    b.addStateStore(
        windowStore(
                AreaWindowsProcessor.MINUTE_STORE,
                minuteRetention,
                AverageWindow.MINUTE.size(),
                AreaAggregate.SERDE)
            .withCachingEnabled());
    b.addStateStore(
        windowStore(
                AreaWindowsProcessor.MINUTE_SENSORS_STORE,
                minuteRetention,
                AverageWindow.MINUTE.size(),
                AreaInput.SERDE)
            .withCachingEnabled());
    b.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AreaWindowsProcessor.PENDING_STORE),
                Serdes.String(),
                Serdes.Long())
            .withCachingEnabled());
    for (String scope : List.of("sensor", "area")) {
      b.addStateStore(
          windowStore(alertState(scope), hourRetention, AverageWindow.HOUR.size(), Serdes.Long()));
      b.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(alertPending(scope)),
                  Serdes.String(),
                  WINDOW_AVERAGE)
              .withCachingEnabled());
    }
  }

  /**
   * What was last sent for each window of a scope: {@code AlertDecision.RAISED} or {@code CLEARED}.
   * (Before the WHO levels, {@code alerts-<scope>-store} held when an alert fired.)
   */
  static String alertState(String scope) {
    return "alerts-" + scope + "-state";
  }

  /** The open windows of a scope above a level, waiting to be complete. */
  static String alertPending(String scope) {
    return "alerts-" + scope + "-pending";
  }

  /**
   * A window store whose changelog keeps records by append time, not by their event time: the
   * broker's time retention of a window changelog (store retention + 1 day) would otherwise delete
   * a backfill's records (event times months old) while they are written, and with them the
   * producer state exactly-once needs. Restoring does not use the record time (the window start is
   * in the key).
   */
  private static <V> StoreBuilder<WindowStore<String, V>> windowStore(
      String name, Duration retention, Duration size, Serde<V> values) {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(name, retention, size, false), Serdes.String(), values)
        .withLoggingEnabled(APPEND_TIME);
  }
}
