package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sensors, readings and output filters shared by the topology tests. */
final class SensorFixtures {
  private SensorFixtures() {}

  /** A Nairobi CBD sensor reporting every 20 minutes (3 a hour, 72 a day). */
  static Sensor cbd(String id) {
    return cbd(id, Duration.ofMinutes(20));
  }

  /** A Nairobi CBD sensor reporting at this interval. */
  static Sensor cbd(String id, Duration interval) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .area("cbd")
        .street("Moi Avenue")
        .county("Nairobi")
        .reportingInterval(interval)
        .model("SDS011")
        .build();
  }

  static Reading pm25(Sensor s, Instant time, double v) {
    return Reading.of(
        s.id(), time, time, s.gatewayId(), SourceFormat.AIRQ_JSON, Map.of(Quantity.PM25, v));
  }

  static List<WindowAverage> of(List<WindowAverage> all, Scope scope, AverageWindow w, Quantity q) {
    return all.stream()
        .filter(a -> a.scope() == scope && a.window() == w && a.quantity() == q)
        .toList();
  }
}
