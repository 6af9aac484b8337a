package io.airq.streams.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.streams.quality.QaRules;
import io.airq.streams.quality.QaSettings;
import io.airq.streams.quality.SensorHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrectorTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final Sensor PA =
      Sensor.builder("pa-1")
          .position(0, 0)
          .reportingInterval(Duration.ofMinutes(2))
          .model("PurpleAir PA-II")
          .build();
  private static final Sensor SDS =
      Sensor.builder("sds-1")
          .position(0, 0)
          .reportingInterval(Duration.ofMinutes(2))
          .model("SDS011")
          .build();
  private final QaRules rules = new QaRules(QaSettings.DEFAULTS);

  private Map<Quantity, CorrectedValue> correct(
      Sensor s, Map<Quantity, Double> a, Map<Quantity, Double> b) {
    Reading r = new Reading(s.id(), T, T, null, SourceFormat.PURPLEAIR, a, b, List.of());
    return Corrector.correct(r, s, rules.evaluate(r, SensorHistory.EMPTY));
  }

  @Test
  void agreeingChannelsAreAveragedBeforeTheEpaCorrectionAndRawStaysChannelA() {
    CorrectedValue v =
        correct(
                PA,
                Map.of(Quantity.PM25, 12.0, Quantity.HUMIDITY, 40.0),
                Map.of(Quantity.PM25, 8.0))
            .get(Quantity.PM25);
    assertThat(v.raw()).isEqualTo(12);
    assertThat(v.value()).isCloseTo(0.524 * 10 - 0.0862 * 40 + 5.75, within(1e-12));
  }

  @Test
  void disagreeingChannelsUseChannelAAndKeepTheirFlag() {
    CorrectedValue v =
        correct(
                PA,
                Map.of(Quantity.PM25, 20.0, Quantity.HUMIDITY, 40.0),
                Map.of(Quantity.PM25, 2.0))
            .get(Quantity.PM25);
    assertThat(v.value()).isCloseTo(0.524 * 20 - 0.0862 * 40 + 5.75, within(1e-12));
  }

  @Test
  void withoutHumidityOrOnANonPlantowerModelNothingIsCorrected() {
    assertThat(correct(PA, Map.of(Quantity.PM25, 20.0), null).get(Quantity.PM25))
        .isEqualTo(CorrectedValue.uncorrected(20));
    assertThat(
            correct(SDS, Map.of(Quantity.PM25, 20.0, Quantity.HUMIDITY, 40.0), null)
                .get(Quantity.PM25))
        .isEqualTo(CorrectedValue.uncorrected(20));
    // an out-of-range humidity is not used
    assertThat(
            correct(PA, Map.of(Quantity.PM25, 20.0, Quantity.HUMIDITY, 140.0), null)
                .get(Quantity.PM25))
        .isEqualTo(CorrectedValue.uncorrected(20));
  }
}
