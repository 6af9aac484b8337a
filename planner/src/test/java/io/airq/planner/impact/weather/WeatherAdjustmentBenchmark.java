package io.airq.planner.impact.weather;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How long airq-impact-2 takes for one closure (a one-day closure, 07:00–19:00) after six weeks and
 * after a year of hourly history, on the synthetic street of {@link SyntheticCity}. Not part of the
 * build's tests (the name does not end in Test); run it with {@code ./mvnw -o -pl planner -am
 * verify -DskipITs -Dtest=WeatherAdjustmentBenchmark -Dsurefire.failIfNoSpecifiedTests=false} and
 * copy its line into docs/method.md ("Timing"). It prints, it does not judge.
 */
class WeatherAdjustmentBenchmark {

  @Test
  void timeOneClosure() {
    WeatherAdjustment.analyse(
        new SyntheticCity(1, 20, 1, 0, false).input(),
        BauSettings.DEFAULT.withMaxPlacebos(3),
        "warm-up");
    for (int days : List.of(42, 365)) {
      SyntheticCity city = new SyntheticCity(2, days, 1, -0.2, false);
      long t0 = System.nanoTime();
      WeatherAdjusted w = WeatherAdjustment.analyse(city.input(), BauSettings.DEFAULT, "bench");
      double s = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      WeatherAdjustment.analyse(city.input(), BauSettings.DEFAULT.withMaxPlacebos(0), "bench");
      double fit = (System.nanoTime() - t1) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "airq-impact-2 benchmark: %d days of hourly history (%d training hours): whole analysis"
              + " %.1f s with %d placebo refits; model, skill and prediction alone %.1f s; on %d"
              + " cores%n",
          days,
          w.training().hours(),
          s,
          w.placebo().count(),
          fit,
          Runtime.getRuntime().availableProcessors());
    }
  }
}
