package io.airq.planner.impact;

import static io.airq.planner.impact.ImpactFixtures.closure;
import static io.airq.planner.impact.ImpactFixtures.hours;
import static io.airq.planner.impact.ImpactFixtures.sensor;
import static io.airq.planner.impact.ImpactFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.planner.impact.weather.Placebo;
import io.airq.planner.impact.weather.Skill;
import io.airq.planner.impact.weather.WeatherAdjusted;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeatherSummaryTest {

  /** Treated before 20 (days 18, 22), during 10 (days 9, 11): a plain fall of 50 %. */
  private static ImpactReport plain() {
    List<HourlyMean> h = new ArrayList<>();
    double[] values = {18, 22, 9, 11, 10};
    for (int d = 0; d < values.length; d++) {
      h.addAll(
          hours(
              "t1",
              utc("2024-01-01T00:00:00Z").plus(Duration.ofDays(d)),
              utc("2024-01-02T00:00:00Z").plus(Duration.ofDays(d)),
              values[d]));
    }
    return ImpactAnalysis.fromHourlyMeans(
        closure(
            SensorSelection.ofSensors("t1"),
            null,
            LocalDateTime.parse("2024-01-03T00:00"),
            LocalDateTime.parse("2024-01-05T00:00"),
            Duration.ofDays(2),
            Duration.ofDays(1),
            "UTC"),
        Quantity.NO2,
        List.of(sensor("t1", "Westlands", "Nairobi")),
        h,
        ImpactAnalysis.Options.DEFAULT);
  }

  private static WeatherAdjusted adjusted(
      double percent, double low, double high, Outcome outcome, String reason) {
    return new WeatherAdjusted(
        "airq-impact-2.1",
        new Change(percent, low, high, Double.NaN),
        new Change(Double.NaN, Double.NaN, Double.NaN, Double.NaN),
        new Skill(0.62, 3.1, 0.01, 0.95, 900),
        new Placebo(40, 0.02, 0.05, 0.95, List.of(), List.of()),
        21.4,
        List.of(),
        "station:airport",
        outcome,
        reason,
        null);
  }

  @Test
  void withoutTheWeatherTheHeadlineIsThePlainComparisonAndSaysSo() {
    ImpactReport r = plain();

    assertThat(r.headlineEn()).isEqualTo("Plain comparison (airq-impact-1.1): " + r.summaryEn());
    assertThat(r.treated().weatherAdjusted()).isNull();
  }

  @Test
  void aValidWeatherAdjustedResultLeadsTheHeadlineBesideThePlainChange() {
    ImpactReport r = plain().withWeather(adjusted(-28, -39, -15, Outcome.CLEAR_DECREASE, ""), null);

    assertThat(r.headlineEn())
        .isEqualTo(
            "Weather-adjusted result (airq-impact-2.1): NO2 fell 50% while the road was closed;"
                + " after taking the weather into account, it fell 28% (95% CI 15%–39%). Model"
                + " skill on held-out days: R² 0.62; placebo closures: p = 0.02.");
    assertThat(r.headlineSw())
        .startsWith(
            "Matokeo yaliyorekebishwa kwa hali ya hewa (airq-impact-2.1): NO2 ilishuka kwa 50%")
        .contains(
            "baada ya kuzingatia hali ya hewa, ilishuka kwa 28% (kwa uhakika wa 95%: kati ya"
                + " 15% na 39%)");
    assertThat(r.summaryEn()).isEqualTo(plain().summaryEn());
  }

  @Test
  void noClearChangeNamesTheSmallestDetectableChange() {
    ImpactReport r = plain().withWeather(adjusted(-6, -25, 14, Outcome.NO_CLEAR_CHANGE, ""), null);

    assertThat(r.headlineEn())
        .contains("it showed no clear change (estimate -6%, 95% CI -25% to +14%)")
        .contains("a change larger than about 21% would have been detected");
    assertThat(r.headlineSw()).contains("hakukuwa na mabadiliko ya wazi");
  }

  @Test
  void anInsufficientWeatherResultFallsBackToThePlainComparisonWithTheReason() {
    ImpactReport r =
        plain()
            .withWeather(
                adjusted(-6, -25, 14, Outcome.INSUFFICIENT_DATA, "the model's R² is 0.12"), null);

    assertThat(r.headlineEn())
        .startsWith(
            "Plain comparison (airq-impact-1.1; the weather could not be taken out: the model's R²"
                + " is 0.12): While the road was closed");
  }
}
