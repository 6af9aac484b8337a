package io.airq.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalibrationHistoryTest {
  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");
  private static final LinearCalibration ALWAYS = new LinearCalibration(1.0, 0.5, "v0");
  private static final LinearCalibration V1 = new LinearCalibration(0.9, 1, "v1", JAN);
  private static final LinearCalibration V2 = new LinearCalibration(0.8, 2, "v2", JUN);

  @Test
  void theVersionAtAnInstantIsTheNewestThatStartedAtOrBeforeIt() {
    CalibrationHistory h = CalibrationHistory.of(V2, V1);
    assertThat(h.versions()).containsExactly(V1, V2);
    assertThat(h.at(JAN.minusSeconds(1))).isNull();
    assertThat(h.at(JAN)).isEqualTo(V1);
    assertThat(h.at(JUN.minusMillis(1))).isEqualTo(V1);
    assertThat(h.at(JUN)).isEqualTo(V2);
    assertThat(h.latest()).isEqualTo(V2);
    assertThat(CalibrationHistory.of(V1, ALWAYS).at(Instant.EPOCH)).isEqualTo(ALWAYS);
  }

  @Test
  void addingAVersionWithAKnownIdOrStartReplacesThatVersion() {
    CalibrationHistory h = CalibrationHistory.of(V1).with(V2);
    assertThat(h.versions()).containsExactly(V1, V2);
    LinearCalibration refit = new LinearCalibration(0.7, 3, "v2b", JUN);
    assertThat(h.with(refit).versions()).containsExactly(V1, refit);
    assertThat(h.with(new LinearCalibration(1, 0, "v1", JUN)).versions())
        .extracting(LinearCalibration::id)
        .containsExactly("v1");
  }

  @Test
  void twoVersionsWithTheSameStartOrIdAreRefused() {
    assertThatThrownBy(() -> CalibrationHistory.of(V1, new LinearCalibration(1, 0, "x", JAN)))
        .hasMessageContaining("apply from 2026-01-01");
    assertThatThrownBy(() -> CalibrationHistory.of(V1, new LinearCalibration(1, 0, "v1", JUN)))
        .hasMessageContaining("id v1");
  }

  @Test
  void oneVersionIsWrittenAsAnObjectAndSeveralAsAnArrayAndBothReadBack() {
    Sensor one =
        Sensor.builder("s1")
            .position(1, 2)
            .calibration(java.util.Map.of(Quantity.PM25, CalibrationHistory.of(V1)))
            .build();
    assertThat(new String(Json.write(one), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"pm25\":{\"slope\":0.9");
    assertThat(Json.read(Json.write(one), Sensor.class)).isEqualTo(one);
    Sensor two = one.withCalibration(Quantity.PM25, V2);
    assertThat(new String(Json.write(two), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"pm25\":[{\"slope\":0.9");
    Sensor back = Json.read(Json.write(two), Sensor.class);
    assertThat(back).isEqualTo(two);
    assertThat(back.calibrationAt(Quantity.PM25, JUN)).isEqualTo(V2);
  }
}
