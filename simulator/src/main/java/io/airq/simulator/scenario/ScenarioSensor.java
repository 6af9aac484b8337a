package io.airq.simulator.scenario;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.util.Objects;

/**
 * A simulated sensor.
 *
 * @param id sensor id
 * @param gateway the gateway publishing it (several sensors share one)
 * @param lat latitude
 * @param lon longitude
 * @param area neighbourhood
 * @param street the street it faces; sensors on a closed street are the treated group
 * @param county county
 * @param hostType public or resident
 * @param format the payload format id (airq, sensor-community, airgradient, purpleair, senml)
 * @param model the sensor model, e.g. PMS5003
 * @param trafficWeight how much of the scenario's traffic contribution reaches this sensor (1 = a
 *     busy roadside)
 */
public record ScenarioSensor(
    String id,
    String gateway,
    double lat,
    double lon,
    String area,
    String street,
    String county,
    HostType hostType,
    String format,
    String model,
    double trafficWeight) {
  public ScenarioSensor {
    Objects.requireNonNull(id, "sensor id");
    gateway = gateway == null || gateway.isBlank() ? id : gateway;
    format = format == null ? "airq" : format;
    model = model == null ? "PMS5003" : model;
    area = area == null ? "" : area;
    street = street == null ? "" : street;
    county = county == null ? "" : county;
  }

  /** The registry entry the simulator publishes for this sensor. */
  public Sensor toSensor(Duration interval) {
    return Sensor.builder(id)
        .position(lat, lon)
        .gatewayId(gateway)
        .area(area)
        .street(street)
        .county(county)
        .hostType(hostType)
        .reportingInterval(interval)
        .model(model)
        .build();
  }
}
