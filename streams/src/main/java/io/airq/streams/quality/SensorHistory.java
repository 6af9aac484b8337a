package io.airq.streams.quality;

import io.airq.core.reading.Quantity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The last few raw values per quantity of one sensor, most recent last (state of the stuck and
 * spike rules).
 */
public record SensorHistory(Map<Quantity, List<Double>> recent) {
  public static final SensorHistory EMPTY = new SensorHistory(Map.of());

  public SensorHistory {
    recent = recent == null ? Map.of() : recent;
  }

  public List<Double> of(Quantity q) {
    return recent.getOrDefault(q, List.of());
  }

  public SensorHistory with(Map<Quantity, Double> values, int keep) {
    Map<Quantity, List<Double>> next = new EnumMap<>(Quantity.class);
    next.putAll(recent);
    for (Map.Entry<Quantity, Double> e : values.entrySet()) {
      List<Double> l = new ArrayList<>(of(e.getKey()));
      l.add(e.getValue());
      while (l.size() > keep) {
        l.remove(0);
      }
      next.put(e.getKey(), List.copyOf(l));
    }
    return new SensorHistory(next);
  }
}
