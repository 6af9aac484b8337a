package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The windows' stores as maps, with what was emitted and a wall clock the test sets. */
final class MapWindowIo implements WindowIo {
  /** One emitted window. */
  record Emitted(String id, AverageWindow window, Instant start, WindowAccumulators acc) {
    double meanPm25() {
      return acc.quantities().get(Quantity.PM25).mean();
    }

    long countPm25() {
      return acc.quantities().get(Quantity.PM25).count();
    }

    /** "1h 2026-03-01T10:00:00Z". */
    String label() {
      return window.id() + " " + start;
    }
  }

  final Map<String, NavigableMap<Long, WindowAccumulators>> minutes = new HashMap<>();
  final Map<String, NavigableMap<Long, WindowAccumulators>> hours = new HashMap<>();
  final List<Emitted> emitted = new ArrayList<>();
  long wall;

  /** What was emitted since the last call. */
  List<Emitted> take() {
    List<Emitted> out = List.copyOf(emitted);
    emitted.clear();
    return out;
  }

  List<String> takeLabels() {
    return take().stream().map(Emitted::label).toList();
  }

  @Override
  public long wallClock() {
    return wall;
  }

  @Override
  public WindowAccumulators minute(String id, long start) {
    return minutes.getOrDefault(id, new TreeMap<>()).get(start);
  }

  @Override
  public WindowAccumulators hour(String id, long start) {
    return hours.getOrDefault(id, new TreeMap<>()).get(start);
  }

  @Override
  public void putMinute(String id, long start, WindowAccumulators acc) {
    minutes.computeIfAbsent(id, k -> new TreeMap<>()).put(start, acc);
  }

  @Override
  public void putHour(String id, long start, WindowAccumulators acc) {
    hours.computeIfAbsent(id, k -> new TreeMap<>()).put(start, acc);
  }

  @Override
  public void hours(String id, long from, long to, boolean backward, HourVisitor visitor) {
    NavigableMap<Long, WindowAccumulators> range =
        hours.getOrDefault(id, new TreeMap<>()).subMap(from, true, to, true);
    for (Map.Entry<Long, WindowAccumulators> e :
        (backward ? range.descendingMap() : range).entrySet()) {
      if (!visitor.visit(e.getKey(), e.getValue())) {
        return;
      }
    }
  }

  @Override
  public void emit(String id, Sensor sensor, AverageWindow w, long start, WindowAccumulators acc) {
    emitted.add(new Emitted(id, w, Instant.ofEpochMilli(start), acc));
  }
}
