package io.airq.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayPolicyTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final Map<String, Sensor> REGISTRY =
      Map.of(
          "nbo-01", sensor("nbo-01", "gw-a"),
          "esp8266-1", sensor("esp8266-1", null));

  private static Sensor sensor(String id, String gateway) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .gatewayId(gateway)
        .area("CBD")
        .county("Nairobi")
        .build();
  }

  private static Optional<GatewayPolicy.Refusal> check(String sensor, String gateway) {
    Reading r =
        Reading.of(sensor, T, T, gateway, SourceFormat.AIRQ_JSON, Map.of(Quantity.PM25, 1.0));
    return GatewayPolicy.check(r, id -> Optional.ofNullable(REGISTRY.get(id)));
  }

  @Test
  void registeredGatewayMayPublishItsSensor() {
    assertThat(check("nbo-01", "gw-a")).isEmpty();
  }

  @Test
  void aSensorWithoutGatewayIsItsOwnGateway() {
    assertThat(check("esp8266-1", "esp8266-1")).isEmpty();
    assertThat(check("esp8266-1", "gw-a"))
        .map(GatewayPolicy.Refusal::code)
        .contains("foreign-sensor");
  }

  @Test
  void foreignAndUnknownSensorsAreRefusedWithTheirReason() {
    Optional<GatewayPolicy.Refusal> foreign = check("nbo-01", "gw-b");
    assertThat(foreign).map(GatewayPolicy.Refusal::code).contains(GatewayPolicy.FOREIGN_SENSOR);
    assertThat(foreign.get().reason()).contains("gw-a").contains("gw-b");
    assertThat(check("ghost", "gw-a"))
        .map(GatewayPolicy.Refusal::code)
        .contains(GatewayPolicy.UNKNOWN_SENSOR);
  }
}
