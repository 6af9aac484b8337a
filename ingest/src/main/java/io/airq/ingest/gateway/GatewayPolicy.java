package io.airq.ingest.gateway;

import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import java.util.Optional;
import java.util.function.Function;

/**
 * Strict gateway mode: a gateway may publish only the sensors registered to it ({@link
 * Sensor#gatewayId()}; a sensor pushing directly is its own gateway). Open mode lets everything
 * through. Pure: the registry is a lookup function.
 */
public final class GatewayPolicy {
  private GatewayPolicy() {}

  /** Why a reading goes to quarantine instead of the readings topic. */
  public record Refusal(String code, String reason) {}

  public static final String UNKNOWN_SENSOR = "unknown-sensor";
  public static final String FOREIGN_SENSOR = "foreign-sensor";

  /** Empty when the reading's gateway may publish its sensor. */
  public static Optional<Refusal> check(Reading r, Function<String, Optional<Sensor>> registry) {
    Optional<Sensor> sensor = registry.apply(r.sensorId());
    if (sensor.isEmpty()) {
      return Optional.of(
          new Refusal(UNKNOWN_SENSOR, "sensor " + r.sensorId() + " is not in the registry"));
    }
    if (!sensor.get().gatewayId().equals(r.gatewayId())) {
      return Optional.of(
          new Refusal(
              FOREIGN_SENSOR,
              "sensor "
                  + r.sensorId()
                  + " is registered to gateway "
                  + sensor.get().gatewayId()
                  + ", not "
                  + r.gatewayId()));
    }
    return Optional.empty();
  }
}
