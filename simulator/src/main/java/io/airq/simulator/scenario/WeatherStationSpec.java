package io.airq.simulator.scenario;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.util.Objects;

/**
 * A simulated weather station: a sensor of kind {@code weather} reporting wind speed and direction,
 * rain, temperature, humidity and pressure in airq JSON over MQTT.
 *
 * @param interval between its readings (default 10 minutes)
 */
public record WeatherStationSpec(
    String id,
    String gateway,
    double lat,
    double lon,
    String area,
    String county,
    Duration interval) {
  public WeatherStationSpec {
    Objects.requireNonNull(id, "station id");
    gateway = gateway == null || gateway.isBlank() ? id : gateway;
    area = area == null ? "" : area;
    county = county == null ? "" : county;
    interval = interval == null ? Duration.ofMinutes(10) : interval;
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("a station's interval must be positive");
    }
  }

  /** The registry entry the simulator publishes for this station. */
  public Sensor toSensor() {
    return Sensor.builder(id)
        .position(lat, lon)
        .gatewayId(gateway)
        .area(area)
        .county(county)
        .hostType(HostType.PUBLIC)
        .reportingInterval(interval)
        .kind(SensorKind.WEATHER)
        .build();
  }
}
