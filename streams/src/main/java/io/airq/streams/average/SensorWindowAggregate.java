package io.airq.streams.average;

import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.util.EnumMap;
import java.util.Map;

/**
 * The aggregate of one sensor's window: an accumulator per quantity, and the sensor it belongs to.
 */
public record SensorWindowAggregate(Sensor sensor, Map<Quantity, Accumulator> quantities) {
  public static final SensorWindowAggregate EMPTY = new SensorWindowAggregate(null, Map.of());

  public SensorWindowAggregate {
    quantities = quantities == null ? Map.of() : quantities;
  }

  /**
   * Adds every value of the reading that carries no QA flag; flagged values are left out of the
   * averages.
   */
  public SensorWindowAggregate add(Sensor s, CleanReading r) {
    Map<Quantity, Accumulator> next = new EnumMap<>(Quantity.class);
    next.putAll(quantities);
    for (Map.Entry<Quantity, CorrectedValue> e : r.values().entrySet()) {
      if (r.flagged(e.getKey())) {
        continue;
      }
      CorrectedValue v = e.getValue();
      next.put(
          e.getKey(),
          next.getOrDefault(e.getKey(), Accumulator.EMPTY).add(v.raw(), v.value(), v.correction()));
    }
    return new SensorWindowAggregate(s, next);
  }
}
