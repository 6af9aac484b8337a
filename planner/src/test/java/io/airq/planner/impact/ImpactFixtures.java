package io.airq.planner.impact;

import io.airq.core.closure.Closure;
import io.airq.core.closure.SensorSelection;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Small hand-made inputs for the impact tests. */
final class ImpactFixtures {
  private ImpactFixtures() {}

  static Sensor sensor(String id, String area, String county) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .area(area)
        .county(county)
        .reportingInterval(Duration.ofMinutes(1))
        .build();
  }

  static Closure closure(
      SensorSelection treated,
      SensorSelection control,
      LocalDateTime start,
      LocalDateTime end,
      Duration baseline,
      Duration after,
      String zone) {
    return Closure.builder("c1")
        .name("test")
        .treated(treated)
        .control(control)
        .period(start, end)
        .baseline(baseline)
        .after(after)
        .zone(ZoneId.of(zone))
        .build();
  }

  /** One hourly mean per hour in [from, to) with the same value, fully covered. */
  static List<HourlyMean> hours(String sensor, Instant from, Instant to, double value) {
    List<HourlyMean> out = new ArrayList<>();
    for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
      out.add(new HourlyMean(sensor, h, value, 60, 60));
    }
    return out;
  }

  static Instant utc(String t) {
    return Instant.parse(t);
  }
}
