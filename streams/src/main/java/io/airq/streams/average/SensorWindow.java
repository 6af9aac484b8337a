package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.registry.Sensor;
import java.time.Instant;
import java.util.List;

/** One sensor window's averages (one per quantity) as emitted, with the sensor. Not serialized. */
public record SensorWindow(
    Sensor sensor, AverageWindow window, Instant start, List<WindowAverage> averages) {

  /** The means its area's aggregate needs. */
  public AreaInput areaInput() {
    return new AreaInput(
        sensor.id(),
        sensor.county(),
        window,
        start.toEpochMilli(),
        averages.stream().map(SensorMean::of).toList());
  }
}
