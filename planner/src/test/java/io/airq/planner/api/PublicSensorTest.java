package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublicSensorTest {
  private static Sensor sensor(HostType host) {
    return Sensor.builder("s1")
        .position(-1.283914, 36.822837)
        .gatewayId("gw")
        .area("CBD")
        .street("Koinange St")
        .county("Nairobi")
        .hostType(host)
        .reportingInterval(Duration.ofMinutes(1))
        .model("PMS5003")
        .build();
  }

  @Test
  void residentHostPositionIsRoundedToAbout100MetresAndStreetHidden() {
    PublicSensor p = PublicSensor.of(sensor(HostType.RESIDENT));
    assertThat(p.lat()).isEqualTo(-1.284);
    assertThat(p.lon()).isEqualTo(36.823);
    assertThat(p.street()).isEmpty();
    assertThat(p.positionCoarsened()).isTrue();
  }

  @Test
  void publicSitesKeepTheirExactPosition() {
    PublicSensor p = PublicSensor.of(sensor(HostType.PUBLIC));
    assertThat(p.lat()).isEqualTo(-1.283914);
    assertThat(p.street()).isEqualTo("Koinange St");
  }
}
