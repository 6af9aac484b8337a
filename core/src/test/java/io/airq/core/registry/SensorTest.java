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
    return new Sensor(
        "s1",
        null,
        1,
        2,
        "A",
        null,
        null,
        false,
        null,
        null,
        "SDS011",
        java.util.Map.of(
            Quantity.PM25, CalibrationHistory.of(new LinearCalibration(1.1, -2, "v2", JUNE))),
        SensorKind.WEATHER,
        installed,
        retired,
        "ODbL-1.0",
        "City");
  }

  private static Sensor zoned(Sensor s, String zone) {
    return new Sensor(
        s.id(),
        s.gatewayId(),
        s.lat(),
        s.lon(),
        s.area(),
        s.street(),
        s.county(),
        s.indoor(),
        s.hostType(),
        s.reportingInterval(),
        s.model(),
        s.calibration(),
        s.kind(),
        s.installed(),
        s.retired(),
        s.licence(),
        s.attribution(),
        zone);
  }

  @Test
  void aZoneIsAnIanaIdOrNothingAndFallsBackToTheJobsZone() throws Exception {
    Sensor plain =
        new Sensor(
            "s1", null, 1, 2, null, null, null, false, null, null, null, null, null, null, null,
            null, null);
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
  }
}
