package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.planner.impact.Outcome;
import io.airq.planner.impact.weather.BauSettings;
import io.airq.planner.impact.weather.WeatherAdjusted;
import io.airq.planner.impact.weather.WeatherAdjustment;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * airq-impact-2 on series the simulator generates, without servers: the built-in {@code
 * confounded-closure} city, its series built as the report builds them ({@link SimulatedSeries}),
 * and the model called as the report calls it. The end-to-end proof with an effect is {@link
 * ConfoundedClosureEndToEndIT}; docs/simulator.md gives the scenario's truth and the seeds checked.
 */
class ConfoundedClosureModelTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);

  /** The scenario at the end-to-end test's scale, the closure changing no traffic. */
  private static Scenario noEffect() {
    Scenario s =
        Scenario.builtIn("confounded-closure")
            .withStartDate(START)
            .with(null, null, 1, 8, null, null, null);
    return s.withClosure(s.closure().withTrafficFactor(1.0));
  }

  @Test
  void withoutAnEffectTheWindyRainySpellIsNoClearChange() {
    Generation g = Generator.generate(noEffect());
    WeatherAdjusted w =
        WeatherAdjustment.analyse(
            SimulatedSeries.treated(g, Duration.ofDays(42), "pm10"),
            BauSettings.DEFAULT,
            "station:x");
    double plain = g.truth().groups().get("treated").get("pm10").truth().changePercent();
    System.err.printf(
        Locale.ROOT,
        "no-effect confounded-closure: true change %.1f %%, closure's own effect %.1f %%;"
            + " airq-impact-2 %.1f %% [%.1f, %.1f] %s%n",
        plain,
        g.truth().groups().get("treated").get("pm10").closureEffectPercent(),
        w.duringVsBefore().percent(),
        w.duringVsBefore().lowPercent(),
        w.duringVsBefore().highPercent(),
        w.outcome());
    assertThat(g.truth().groups().get("treated").get("pm10").closureEffectPercent()).isEqualTo(0.0);
    assertThat(plain).as("the weather alone moved the plain change").isLessThan(-15);
    assertThat(w.outcome()).isEqualTo(Outcome.NO_CLEAR_CHANGE);
    assertThat(0.0).isBetween(w.duringVsBefore().lowPercent(), w.duringVsBefore().highPercent());
  }

  /**
   * Nine weeks of simulated history before a one-day closure: 60 placebo closures in the training
   * window, each judged with the interval the others give (as the report computes its coverage).
   */
  @Test
  void overSixtyPlaceboClosuresTheIntervalHoldsZeroNinetyToNinetyNinePercentOfTheTime() {
    Scenario s =
        Scenario.builtIn("confounded-closure")
            .withStartDate(START)
            .with(63, 1, 1, 8, null, null, null);
    long t0 = System.nanoTime();
    WeatherAdjusted w =
        WeatherAdjustment.analyse(
            SimulatedSeries.treated(Generator.generate(s), Duration.ofDays(63), "pm10"),
            BauSettings.DEFAULT,
            "station:x");
    System.err.printf(
        Locale.ROOT,
        "placebo calibration: %d placebo closures, interval coverage %.3f, p %.2f, R² %.2f, %.1f s%n",
        w.placebo().count(),
        w.placebo().intervalCoverage(),
        w.placebo().pValue(),
        w.skill().r2(),
        (System.nanoTime() - t0) / 1e9);
    assertThat(w.placebo().count()).isGreaterThanOrEqualTo(50);
    assertThat(w.placebo().intervalCoverage()).isBetween(0.90, 0.99);
  }
}
