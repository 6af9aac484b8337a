package io.airq.core.registry;

import io.airq.core.reading.Quantity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A registry entry: where a sensor is and how to read it. Kept in the compacted sensors topic, key
 * = sensor id.
 *
 * @param id the sensor id (the Kafka key of its readings)
 * @param gatewayId the only gateway allowed to publish it in strict mode
 * @param lat latitude, WGS84 degrees
 * @param lon longitude, WGS84 degrees
 * @param area a neighbourhood, e.g. {@code Westlands}
 * @param street the street it faces, e.g. {@code Moi Avenue}
 * @param county e.g. {@code Nairobi} or {@code Kiambu}
 * @param indoor indoor sensors are kept out of area means
 * @param hostType public or resident; a resident host's position is coarsened in public output
 * @param reportingInterval the nominal interval between readings; gives the expected count per
 *     window
 * @param model the sensor model, e.g. {@code PMS5003}; Plantower-class models get the EPA
 *     correction
 * @param calibration per-quantity linear calibrations; empty when none
 */
public record Sensor(
    String id,
    String gatewayId,
    double lat,
    double lon,
    String area,
    String street,
    String county,
    boolean indoor,
    HostType hostType,
    Duration reportingInterval,
    String model,
    Map<Quantity, LinearCalibration> calibration) {

  public Sensor {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("sensor id must not be blank");
    }
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("position out of range: " + lat + "," + lon);
    }
    gatewayId = gatewayId == null || gatewayId.isBlank() ? id : gatewayId;
    area = area == null ? "" : area;
    street = street == null ? "" : street;
    county = county == null ? "" : county;
    hostType = hostType == null ? HostType.PUBLIC : hostType;
    reportingInterval = reportingInterval == null ? Duration.ofMinutes(1) : reportingInterval;
    if (reportingInterval.isZero() || reportingInterval.isNegative()) {
      throw new IllegalArgumentException("reportingInterval must be positive");
    }
    model = model == null ? "" : model;
    calibration =
        calibration == null || calibration.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new EnumMap<>(calibration));
  }

  /** How many readings a window of this length should hold at the nominal interval. */
  public long expectedCount(Duration window) {
    return Math.max(1, window.toMillis() / reportingInterval.toMillis());
  }
}
