package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The reads {@link AreaWindowsProcessor} makes of its stores and of the registry: an area window's
 * sensor entries, the area's hourly means before an hour (for its indices), the stored hours after
 * one, and the registered sensors by area.
 */
final class AreaStoreReads {
  private static final long HOUR_MS = AverageWindow.HOUR.size().toMillis();

  /** After every sensor id in a key range (the largest code point). */
  private static final String LAST = new String(Character.toChars(Character.MAX_CODE_POINT));

  private final WindowStore<String, AreaAggregate> aggregates;
  private final WindowStore<String, AreaInput> sensors;
  private final WindowStore<String, AreaInput> minuteSensors;
  private final KeyValueStore<String, Object> registry;

  /**
   * @param registry the global store of the sensor registry, or null
   */
  AreaStoreReads(
      WindowStore<String, AreaAggregate> aggregates,
      WindowStore<String, AreaInput> sensors,
      WindowStore<String, AreaInput> minuteSensors,
      KeyValueStore<String, Object> registry) {
    this.aggregates = aggregates;
    this.sensors = sensors;
    this.minuteSensors = minuteSensors;
    this.registry = registry;
  }

  /**
   * Every sensor entry of the area window {@code w} ({@code sensorsPrefix} = "area|window|"); the
   * minutes are in their own store.
   */
  List<AreaInput> entries(AverageWindow w, String sensorsPrefix, long start) {
    List<AreaInput> all = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, AreaInput> it =
        (w == AverageWindow.MINUTE ? minuteSensors : sensors)
            .fetch(sensorsPrefix, sensorsPrefix + LAST, start, start)) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, AreaInput> kv = it.next();
        if (kv.key.key().startsWith(sensorsPrefix) && kv.key.window().start() == start) {
          all.add(kv.value);
        }
      }
    }
    return all;
  }

  /**
   * The area's hourly means of the 24 hours ending with the hour at {@code start}, per quantity
   * with at least one valid sensor (its index values need them: {@link AreaHourIndices}).
   */
  NavigableMap<Long, Map<Quantity, Double>> hourlyMeans(String area, long start) {
    NavigableMap<Long, Map<Quantity, Double>> out = new TreeMap<>();
    try (WindowStoreIterator<AreaAggregate> it =
        aggregates.fetch(area + "|" + AverageWindow.HOUR.id(), start - 23 * HOUR_MS, start)) {
      while (it.hasNext()) {
        KeyValue<Long, AreaAggregate> kv = it.next();
        out.put(kv.key, kv.value.means());
      }
    }
    return out;
  }

  /** The starts of the area's stored hours of the 23 after the hour at {@code start}. */
  List<Long> hoursAfter(String area, long start) {
    List<Long> out = new ArrayList<>();
    try (WindowStoreIterator<AreaAggregate> it =
        aggregates.fetch(
            area + "|" + AverageWindow.HOUR.id(), start + HOUR_MS, start + 23 * HOUR_MS)) {
      while (it.hasNext()) {
        out.add(it.next().key);
      }
    }
    return out;
  }

  /**
   * The registered sensors that count for area windows ({@link AreaExpectation#expectedInArea}), by
   * area; empty without the registry.
   */
  Map<String, List<Sensor>> registeredByArea() {
    if (registry == null) {
      return Map.of();
    }
    Map<String, List<Sensor>> out = new HashMap<>();
    try (KeyValueIterator<String, Object> it = registry.all()) {
      while (it.hasNext()) {
        Object v = it.next().value;
        v = v instanceof ValueAndTimestamp<?> vt ? vt.value() : v;
        if (v instanceof Sensor s && AreaExpectation.expectedInArea(s)) {
          out.computeIfAbsent(s.area(), a -> new ArrayList<>()).add(s);
        }
      }
    }
    return out;
  }
}
