package io.airq.streams.average;

import io.airq.core.average.WindowAverage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sensors' window averages of one area and window, by sensor id; updates replace, retractions
 * remove.
 */
public record AreaAggregate(Map<String, List<WindowAverage>> sensors) {
  public static final AreaAggregate EMPTY = new AreaAggregate(Map.of());

  public AreaAggregate {
    sensors = sensors == null ? Map.of() : sensors;
  }

  public AreaAggregate put(String sensor, List<WindowAverage> averages) {
    Map<String, List<WindowAverage>> m = new HashMap<>(sensors);
    m.put(sensor, averages);
    return new AreaAggregate(m);
  }

  public AreaAggregate remove(String sensor) {
    Map<String, List<WindowAverage>> m = new HashMap<>(sensors);
    m.remove(sensor);
    return new AreaAggregate(m);
  }
}
