package io.airq.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SensorTest {
  private static final Instant JUNE = Instant.parse("2021-06-01T00:00:00Z");
  private static final Instant JULY = Instant.parse("2021-07-01T00:00:00Z");

  @Test
  void anEntryWrittenBeforeTheHistoryFieldsReadsAsAnAirSensorInServiceSinceAlways() {
    String old =
        """
        {"id":"nbo-cbd-01","lat":-1.28,"lon":36.82,"indoor":false,"model":"PMS5003",
         "calibration":{"pm25":{"slope":0.9,"intercept":-1.2,"id":"colocation-2026-01"}}}""";
    Sensor s = Json.read(old, Sensor.class);
    assertThat(s.kind()).isEqualTo(SensorKind.AIR);
    assertThat(s.installed()).isNull();
    assertThat(s.retired()).isNull();
    assertThat(s.licence()).isEmpty();
    assertThat(s.calibration().get(Quantity.PM25).latest().from()).isNull();
    assertThat(s.calibration().get(Quantity.PM25).latest().id()).isEqualTo("colocation-2026-01");
    assertThat(s.activeAt(Instant.EPOCH)).isTrue();
  }

  @Test
  void aSensorCountsFromItsInstallationUntilItsRetirement() {
    Sensor s = sensor(JUNE, null);
    assertThat(s.activeAt(JUNE.minusSeconds(1))).isFalse();
    assertThat(s.activeAt(JUNE)).isTrue();
    Sensor retired = s.retiredAt(JULY);
    assertThat(retired.activeAt(JULY.minusSeconds(1))).isTrue();
    assertThat(retired.activeAt(JULY)).isFalse();
    assertThat(retired.installed()).isEqualTo(JUNE);
  }

  @Test
  void activeTimeWithinAPeriodIsTheOverlapWithTheServicePeriod() {
    Sensor s = sensor(JUNE, JULY);
    assertThat(s.activeWithin(JUNE.minus(Duration.ofDays(10)), JUNE.plus(Duration.ofDays(5))))
        .isEqualTo(Duration.ofDays(5));
    assertThat(s.activeWithin(JULY, JULY.plus(Duration.ofDays(1)))).isEqualTo(Duration.ZERO);
    assertThat(s.activeWithin(JUNE, JULY)).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void theBuilderLeavesTheDefaultsToTheRecordAndNeedsAPosition() {
    Sensor plain = Sensor.builder("s1").position(1, 2).build();
    assertThat(plain.gatewayId()).isEqualTo("s1");
    assertThat(plain.hostType()).isEqualTo(HostType.PUBLIC);
    assertThat(plain.reportingInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(plain.kind()).isEqualTo(SensorKind.AIR);
    assertThat(plain.area()).isEmpty();
    Sensor full = sensor(JUNE, JULY).toBuilder().zone("Africa/Nairobi").indoor(true).build();
    assertThat(full.toBuilder().build()).isEqualTo(full);
    assertThat(full.toBuilder().area("B").build().area()).isEqualTo("B");
    assertThatThrownBy(() -> Sensor.builder("s2").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("position out of range: NaN,NaN");
  }

  @Test
  void retiredBeforeInstalledIsRefused() {
    assertThatThrownBy(() -> sensor(JULY, JUNE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retired must be after installed");
  }

  @Test
  void theNewFieldsRoundTrip() {
    Sensor s = sensor(JUNE, JULY);
    assertThat(Json.read(Json.write(s), Sensor.class)).isEqualTo(s);
  }

  private static Sensor sensor(Instant installed, Instant retired) {
    return Sensor.builder("s1")
        .position(1, 2)
        .area("A")
        .model("SDS011")
        .calibration(
            java.util.Map.of(
                Quantity.PM25, CalibrationHistory.of(new LinearCalibration(1.1, -2, "v2", JUNE))))
        .kind(SensorKind.WEATHER)
        .installed(installed)
        .retired(retired)
        .licence("ODbL-1.0")
        .attribution("City")
        .build();
  }

  private static Sensor zoned(Sensor s, String zone) {
    return s.toBuilder().zone(zone).build();
  }

  @Test
  void aZoneIsAnIanaIdOrNothingAndFallsBackToTheJobsZone() throws Exception {
    Sensor plain = Sensor.builder("s1").position(1, 2).build();
    assertThat(plain.zone()).isNull();
    assertThat(plain.dayZone(java.time.ZoneId.of("UTC"))).isEqualTo(java.time.ZoneId.of("UTC"));
    Sensor zoned = zoned(plain, "Africa/Nairobi");
    assertThat(zoned.dayZone(java.time.ZoneId.of("UTC")))
        .isEqualTo(java.time.ZoneId.of("Africa/Nairobi"));
    assertThat(zoned.retiredAt(java.time.Instant.parse("2030-01-01T00:00:00Z")).zone())
        .isEqualTo("Africa/Nairobi");
    String json = io.airq.core.json.Json.writeString(zoned);
    assertThat(json).contains("\"zone\":\"Africa/Nairobi\"");
    assertThat(io.airq.core.json.Json.mapper().readValue(json, Sensor.class)).isEqualTo(zoned);
    assertThat(io.airq.core.json.Json.writeString(plain)).doesNotContain("zone");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> zoned(plain, "Nairobi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "zone is not an IANA time zone id (e.g. Africa/Nairobi, Europe/Dublin, UTC): Nairobi");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> zoned(plain, "+03:00"))
        .hasMessageContaining("not an offset: +03:00");
    for (String offset : java.util.List.of("UTC+03:00", "GMT+3", "UT-01:00")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> zoned(plain, offset))
          .hasMessageContaining("not an offset: " + offset);
    }
    assertThat(zoned(plain, "Etc/GMT-3").zone()).isEqualTo("Etc/GMT-3");
  }
}
