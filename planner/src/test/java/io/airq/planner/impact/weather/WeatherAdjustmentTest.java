package io.airq.planner.impact.weather;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.planner.impact.Outcome;
import org.junit.jupiter.api.Test;

class WeatherAdjustmentTest {
  /** A one-day closure (07:00–19:00) after 70 days of history, with no effect at all. */
  private static WeatherAdjusted noEffect;

  private static synchronized WeatherAdjusted noEffect() {
    if (noEffect == null) {
      noEffect =
          WeatherAdjustment.analyse(
              new SyntheticCity(11, 70, 1, 0.0, false).input(), BauSettings.DEFAULT, "test");
    }
    return noEffect;
  }

  @Test
  void knownEffectIsRecoveredWhenAWindySpellCoincidesWithTheClosure() {
    SyntheticCity city = new SyntheticCity(7, 56, 3, -0.30, true);
    WeatherAdjusted w = WeatherAdjustment.analyse(city.input(), BauSettings.DEFAULT, "test");

    assertThat(city.rawChange() * 100)
        .as("the weather alone lowers the raw change")
        .isLessThan(-45);
    assertThat(w.duringVsBefore().percent()).isBetween(-38.0, -22.0);
    assertThat(w.duringVsBefore().lowPercent()).isLessThan(-30.0);
    assertThat(w.duringVsBefore().highPercent()).isGreaterThan(-30.0).isLessThan(0.0);
    assertThat(w.outcome()).isEqualTo(Outcome.CLEAR_DECREASE);
    assertThat(w.skill().r2()).isGreaterThan(0.5);
    assertThat(w.skill().fac2()).isGreaterThan(0.9);
    assertThat(w.placebo().pValue()).isLessThan(0.05);
    assertThat(w.training().features()).contains("windSpeed", "windSin", "rain", "hourOfDay");
  }

  @Test
  void withoutAnEffectTheIntervalContainsZero() {
    WeatherAdjusted w = noEffect();

    assertThat(w.duringVsBefore().lowPercent()).isLessThan(0);
    assertThat(w.duringVsBefore().highPercent()).isGreaterThan(0);
    assertThat(w.outcome()).isEqualTo(Outcome.NO_CLEAR_CHANGE);
    assertThat(w.minimumDetectablePercent()).isBetween(5.0, 60.0);
    assertThat(w.hourOfDay())
        .extracting(HourEffect::hour)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(7, 19).boxed().toList());
  }

  @Test
  void placeboIntervalsContainZeroAboutNinetyFivePercentOfTheTime() {
    Placebo p = noEffect().placebo();

    assertThat(p.count()).isGreaterThanOrEqualTo(50);
    assertThat(p.intervalCoverage()).isBetween(0.90, 0.99);
    assertThat(p.falsePositiveRate()).isEqualTo(1 - p.intervalCoverage());
  }

  @Test
  void tooFewTrainingDaysGiveInsufficientDataWithTheReason() {
    SyntheticCity city = new SyntheticCity(3, 10, 1, -0.3, false);

    WeatherAdjusted w = WeatherAdjustment.analyse(city.input(), BauSettings.DEFAULT, "test");

    assertThat(w.outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThat(w.reason()).contains("11 valid days", "14");
  }

  @Test
  void theSameDataGiveTheSameNumbers() {
    SyntheticCity city = new SyntheticCity(5, 20, 1, -0.2, false);
    BauSettings quick = BauSettings.DEFAULT.withMaxPlacebos(5);

    WeatherAdjusted a = WeatherAdjustment.analyse(city.input(), quick, "test");
    WeatherAdjusted b = WeatherAdjustment.analyse(city.input(), quick, "test");

    assertThat(a).isEqualTo(b);
  }

  /** A closure without an after phase (after = 0, as Nairobi's curfew week): no after result. */
  @Test
  void aClosureWithoutAnAfterPhaseHasADuringResultOnly() {
    BauInput in = new SyntheticCity(5, 20, 1, -0.2, false).input();
    BauInput noAfter =
        new BauInput(
            in.observed(),
            in.control(),
            in.weather(),
            in.zone(),
            in.trainStart(),
            in.trainEnd(),
            in.excluded(),
            in.duringStart(),
            in.duringEnd(),
            in.duringEnd());

    WeatherAdjusted w =
        WeatherAdjustment.analyse(noAfter, BauSettings.DEFAULT.withMaxPlacebos(5), "test");

    assertThat(w.duringVsBefore().percent()).isFinite();
    assertThat(w.afterVsBefore().percent()).isNaN();
  }
}
