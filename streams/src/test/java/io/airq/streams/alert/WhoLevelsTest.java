package io.airq.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WhoLevelsTest {
  /** WHO 2021, Table 0.1: {quantity, window, IT1, IT2, IT3, IT4, AQG}; NaN = no such target. */
  private static final Object[][] TABLE = {
    {Quantity.PM25, AverageWindow.DAY_ROLLING, 75.0, 50.0, 37.5, 25.0, 15.0},
    {Quantity.PM10, AverageWindow.DAY_ROLLING, 150.0, 100.0, 75.0, 50.0, 45.0},
    {Quantity.NO2, AverageWindow.DAY_ROLLING, 120.0, 50.0, Double.NaN, Double.NaN, 25.0},
    {Quantity.NO2, AverageWindow.HOUR, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 200.0},
  };

  @Test
  void eachLevelIsExceededJustAboveItsConcentrationAndNotAtIt() {
    for (Object[] row : TABLE) {
      Quantity q = (Quantity) row[0];
      AverageWindow w = (AverageWindow) row[1];
      for (int i = 2; i < 7; i++) {
        double c = (double) row[i];
        if (Double.isNaN(c)) {
          continue;
        }
        String name = i == 6 ? "guideline" : "interim-target-" + (i - 1);
        assertThat(WhoLevels.exceeded(q, w, c + 0.001).name())
            .as("%s %s %s", q, w, c)
            .isEqualTo(name);
        WhoLevels.Level at = WhoLevels.exceeded(q, w, c);
        assertThat(at == null ? null : at.name()).as("%s %s at %s", q, w, c).isNotEqualTo(name);
      }
    }
    assertThat(WhoLevels.exceeded(Quantity.PM25, AverageWindow.HOUR, 1000))
        .as("WHO has no 1-hour PM level")
        .isNull();
    assertThat(WhoLevels.exceeded(Quantity.PM10, AverageWindow.MINUTE, 1000)).isNull();
    assertThat(WhoLevels.exceeded(Quantity.PM25, AverageWindow.DAY_ROLLING, 15)).isNull();
  }

  private static WindowAverage day(double mean, double coverage) {
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    return new WindowAverage(
        Scope.SENSOR,
        "s",
        "a",
        "c",
        AverageWindow.DAY_ROLLING,
        t,
        t.plusSeconds(86400),
        Quantity.PM10,
        60,
        72,
        coverage,
        1,
        2,
        mean,
        mean,
        "none",
        null);
  }

  @Test
  void anAlertIsRaisedOnceAtTheGateAndClearedUnderTheGuideline() {
    assertThat(AlertDecision.of(day(80, 74.9), AlertDecision.NONE, 75)).isNull();
    Alert raised = AlertDecision.of(day(80, 75), AlertDecision.NONE, 75);
    assertThat(raised.level()).isEqualTo("interim-target-3");
    assertThat(raised.status()).isEqualTo(Alert.RAISED);
    assertThat(AlertDecision.of(day(120, 100), AlertDecision.RAISED, 75))
        .as("raised once, even at a higher level")
        .isNull();
    assertThat(AlertDecision.of(day(46, 100), AlertDecision.RAISED, 75)).isNull();
    Alert cleared = AlertDecision.of(day(45, 100), AlertDecision.RAISED, 75);
    assertThat(cleared.status()).isEqualTo(Alert.CLEARED);
    assertThat(cleared.threshold()).isEqualTo(45);
    assertThat(AlertDecision.of(day(30, 100), AlertDecision.CLEARED, 75)).isNull();
    assertThat(AlertDecision.of(day(50.5, 100), AlertDecision.CLEARED, 75).level())
        .isEqualTo("interim-target-4");
  }
}
