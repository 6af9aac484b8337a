package io.airq.core.closure;

import io.airq.core.registry.Sensor;
import java.util.List;

/**
 * A set of sensors named directly or by area. A sensor is selected when its id is listed or its
 * area is.
 */
public record SensorSelection(List<String> sensors, List<String> areas) {
  public SensorSelection {
    sensors = sensors == null ? List.of() : List.copyOf(sensors);
    areas = areas == null ? List.of() : List.copyOf(areas);
  }

  public static SensorSelection ofSensors(String... ids) {
    return new SensorSelection(List.of(ids), List.of());
  }

  public static SensorSelection ofAreas(String... areas) {
    return new SensorSelection(List.of(), List.of(areas));
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return sensors.isEmpty() && areas.isEmpty();
  }

  public boolean selects(Sensor sensor) {
    return sensors.contains(sensor.id())
        || (!sensor.area().isEmpty() && areas.contains(sensor.area()));
  }
}
