package io.airq.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QaRulesTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private final QaRules rules = new QaRules(QaSettings.DEFAULTS);

  private static Reading reading(Map<Quantity, Double> values, Map<Quantity, Double> b) {
    return new Reading("s1", T, T, "g", SourceFormat.AIRQ_JSON, values, b, List.of());
  }

  private List<QaRule> rulesOf(List<QaFlag> flags, Quantity q) {
    return flags.stream().filter(f -> f.quantity() == q).map(QaFlag::rule).toList();
  }

  @Test
  void aCleanReadingHasNoFlag() {
    assertThat(
            rules.evaluate(
                reading(Map.of(Quantity.PM25, 12.0, Quantity.HUMIDITY, 60.0), null),
                SensorHistory.EMPTY))
        .isEmpty();
  }

  @Test
  void negativeAndOutOfRangeValuesAreFlagged() {
    List<QaFlag> f =
        rules.evaluate(
            reading(
                Map.of(Quantity.PM25, -1.0, Quantity.PM10, 1500.0, Quantity.TEMPERATURE, -10.0),
                null),
            SensorHistory.EMPTY);
    assertThat(rulesOf(f, Quantity.PM25)).containsExactly(QaRule.NEGATIVE);
    assertThat(rulesOf(f, Quantity.PM10)).containsExactly(QaRule.OUT_OF_RANGE);
    assertThat(rulesOf(f, Quantity.TEMPERATURE)).isEmpty();
  }

  @Test
  void theTenthIdenticalValueInARowIsStuck() {
    SensorHistory h = SensorHistory.EMPTY;
    for (int i = 0; i < 8; i++) {
      h = h.with(Map.of(Quantity.PM25, 7.0), 0L, QaSettings.DEFAULTS.historySize());
    }
    Reading r = reading(Map.of(Quantity.PM25, 7.0), null);
    assertThat(rulesOf(rules.evaluate(r, h), Quantity.PM25)).isEmpty();
    h = h.with(Map.of(Quantity.PM25, 7.0), 0L, QaSettings.DEFAULTS.historySize());
    assertThat(rulesOf(rules.evaluate(r, h), Quantity.PM25)).containsExactly(QaRule.STUCK);
  }

  @Test
  void aValueFarAboveTheRollingMedianIsASpike() {
    SensorHistory h = SensorHistory.EMPTY;
    for (double v : new double[] {10, 12, 11, 13, 10}) {
      h = h.with(Map.of(Quantity.PM25, v), 0L, 10);
    }
    assertThat(
            rulesOf(rules.evaluate(reading(Map.of(Quantity.PM25, 300.0), null), h), Quantity.PM25))
        .containsExactly(QaRule.SPIKE);
    assertThat(
            rulesOf(rules.evaluate(reading(Map.of(Quantity.PM25, 40.0), null), h), Quantity.PM25))
        .isEmpty();
  }

  @Test
  void humidityAtOrAbove95FlagsOpticalPmOnly() {
    List<QaFlag> f =
        rules.evaluate(
            reading(Map.of(Quantity.PM25, 20.0, Quantity.NO2, 20.0, Quantity.HUMIDITY, 95.0), null),
            SensorHistory.EMPTY);
    assertThat(rulesOf(f, Quantity.PM25)).containsExactly(QaRule.HIGH_HUMIDITY);
    assertThat(rulesOf(f, Quantity.NO2)).isEmpty();
    assertThat(
            rules.evaluate(
                reading(Map.of(Quantity.PM25, 20.0, Quantity.HUMIDITY, 94.9), null),
                SensorHistory.EMPTY))
        .isEmpty();
  }

  @Test
  void channelsDisagreeOnlyWhenBothAbsoluteAndRelativeDifferencesAreLarge() {
    Map<Quantity, Double> a = Map.of(Quantity.PM25, 20.0);
    assertThat(rules.evaluate(reading(a, Map.of(Quantity.PM25, 5.0)), SensorHistory.EMPTY))
        .extracting(QaFlag::rule)
        .containsExactly(QaRule.CHANNEL_DISAGREEMENT);
    // 2 vs 6: relative 100 % but only 4 µg/m³ apart
    assertThat(
            rules.evaluate(
                reading(Map.of(Quantity.PM25, 2.0), Map.of(Quantity.PM25, 6.0)),
                SensorHistory.EMPTY))
        .isEmpty();
    // 100 vs 80: 20 apart but 22 %
    assertThat(
            rules.evaluate(
                reading(Map.of(Quantity.PM25, 100.0), Map.of(Quantity.PM25, 80.0)),
                SensorHistory.EMPTY))
        .isEmpty();
  }

  @Test
  void theRollingMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    assertThat(QaRules.median(Doubles.of(List.of(3.0, 1.0, 2.0)), 0)).isEqualTo(2.0);
    assertThat(QaRules.median(Doubles.of(List.of(4.0, 1.0, 3.0, 2.0)), 0)).isEqualTo(2.5);
    assertThat(QaRules.median(Doubles.of(List.of(-1.0, 7.5)), 0)).isEqualTo(3.25);
  }

  /**
   * The spike flag and its detail are those of the rule applied with the median computed every
   * time: random windows of 5 to 12 values (repeats, negatives, spreads from 0.1 to 1,000 and up to
   * Double.MAX_VALUE, where the mean of two middle values overflows), values drawn around the
   * threshold where the rule switches, for the default and other factors (zero and negative ones
   * included).
   */
  @Test
  void theSpikeFlagIsTheRuleAppliedWithTheMedianComputedEveryTime() {
    Random rnd = new Random(7);
    int spikes = 0;
    int checks = 0;
    for (double factor : new double[] {4.0, 1.0, 1.5, 0.5, 0.0, -2.0}) {
      for (double delta : new double[] {50.0, 0.0, -5.0}) {
        QaSettings settings = new QaSettings(10, 10, 5, factor, delta, 95.0, 5.0, 0.7);
        QaRules r = new QaRules(settings);
        for (int i = 0; i < 4_000; i++) {
          // up to Double.MAX_VALUE: two middle values below -MAX_VALUE / 2 overflow the median
          double spread =
              rnd.nextInt(20) == 0 ? Double.MAX_VALUE : Math.pow(10, rnd.nextInt(5) - 1);
          int n = 5 + rnd.nextInt(8);
          SensorHistory h = SensorHistory.EMPTY;
          List<Double> window = new ArrayList<>();
          for (int k = 0; k < n; k++) {
            double x =
                rnd.nextInt(4) == 0 && !window.isEmpty()
                    ? window.get(rnd.nextInt(window.size()))
                    : spread > 1e300
                        ? (rnd.nextDouble() - 0.95) * spread
                        : Math.round((rnd.nextDouble() - 0.2) * spread * 10) / 10.0;
            window.add(x);
            h = h.with(Map.of(Quantity.NO2, x), 0L, settings.historySize());
          }
          List<Double> last = window.subList(Math.max(0, n - 10), n);
          double median = referenceMedian(last);
          double threshold = Math.max(median * factor, median + delta);
          double v =
              switch (rnd.nextInt(4)) {
                case 0 -> threshold;
                case 1 -> Math.nextUp(threshold);
                case 2 -> threshold + (rnd.nextDouble() - 0.5) * spread;
                default -> (rnd.nextDouble() - 0.2) * spread * 10;
              };
          if (!Double.isFinite(v)) {
            v = rnd.nextBoolean() ? -Double.MAX_VALUE : 0.0; // readings are finite
          }
          boolean expected = v > median * factor && v - median > delta;
          List<QaFlag> flags = r.evaluate(reading(Map.of(Quantity.NO2, v), null), h);
          List<QaFlag> spike = flags.stream().filter(f -> f.rule() == QaRule.SPIKE).toList();
          assertThat(spike)
              .as("v %s, window %s, factor %s, delta %s", v, last, factor, delta)
              .hasSize(expected ? 1 : 0);
          if (expected) {
            assertThat(spike.get(0).detail())
                .isEqualTo("value " + v + " vs rolling median " + median);
            spikes++;
          }
          checks++;
        }
      }
    }
    assertThat(spikes).as("spikes among %d checks", checks).isBetween(checks / 10, checks * 9 / 10);
  }

  /** The median as the rule defines it, computed here independently of {@link QaRules}. */
  private static double referenceMedian(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  @Test
  void windDirectionMustBeInZeroTo360AndRainAndWindSpeedNotNegative() {
    List<QaFlag> f =
        rules.evaluate(
            reading(
                Map.of(Quantity.WIND_DIR, 360.0, Quantity.RAIN, -0.1, Quantity.WIND_SPEED, -2.0),
                null),
            SensorHistory.EMPTY);
    assertThat(rulesOf(f, Quantity.WIND_DIR)).containsExactly(QaRule.OUT_OF_RANGE);
    assertThat(f.stream().filter(x -> x.quantity() == Quantity.WIND_DIR).findFirst().orElseThrow())
        .extracting(QaFlag::detail)
        .isEqualTo("value 360.0 outside [0.0, 360.0)");
    assertThat(rulesOf(f, Quantity.RAIN)).containsExactly(QaRule.NEGATIVE);
    assertThat(rulesOf(f, Quantity.WIND_SPEED)).containsExactly(QaRule.NEGATIVE);
    assertThat(
            rules.evaluate(
                reading(
                    Map.of(Quantity.WIND_DIR, 0.0, Quantity.RAIN, 0.0, Quantity.WIND_SPEED, 0.0),
                    null),
                SensorHistory.EMPTY))
        .isEmpty();
    assertThat(
            rules.evaluate(reading(Map.of(Quantity.WIND_DIR, 359.99), null), SensorHistory.EMPTY))
        .isEmpty();
  }

  @Test
  void aDrySpellACalmAndAShowerAreNeitherStuckNorSpikes() {
    SensorHistory h = SensorHistory.EMPTY;
    Map<Quantity, Double> calm =
        Map.of(Quantity.RAIN, 0.0, Quantity.WIND_SPEED, 0.0, Quantity.WIND_DIR, 350.0);
    for (int i = 0; i < 30; i++) {
      h = h.with(calm, i, QaSettings.DEFAULTS.historySize());
    }
    assertThat(rules.evaluate(reading(calm, null), h)).isEmpty();
    Map<Quantity, Double> shower =
        Map.of(Quantity.RAIN, 25.0, Quantity.WIND_SPEED, 30.0, Quantity.WIND_DIR, 10.0);
    assertThat(rules.evaluate(reading(shower, null), h)).isEmpty();
    // the same history of a pollutant is stuck, and its jump a spike
    SensorHistory pm = SensorHistory.EMPTY;
    for (int i = 0; i < 30; i++) {
      pm = pm.with(Map.of(Quantity.PM25, 5.0), i, QaSettings.DEFAULTS.historySize());
    }
    assertThat(
            rulesOf(rules.evaluate(reading(Map.of(Quantity.PM25, 5.0), null), pm), Quantity.PM25))
        .containsExactly(QaRule.STUCK);
    assertThat(
            rulesOf(rules.evaluate(reading(Map.of(Quantity.PM25, 500.0), null), pm), Quantity.PM25))
        .containsExactly(QaRule.SPIKE);
  }
}
