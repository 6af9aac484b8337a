package io.airq.simulator.generate;

import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.SpellSpec;
import io.airq.simulator.scenario.WeatherSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * The city-wide state per hour: regional background factor, rain factor and rain flag, and the
 * spell. Drawn once from the seed, in a fixed order, so it is the same for every sensor and every
 * run.
 */
final class Environment {
  private final Instant start;
  private final double[] regional;
  private final double[] rainPm;
  private final boolean[] raining;
  private final Instant spellStart;
  private final Instant spellEnd;
  private final SpellSpec spell;
  private final double[] windDay;

  Environment(Scenario scenario, Random random) {
    this.start = scenario.startInstant();
    this.spell = scenario.weather().spell();
    this.spellStart = scenario.closureStart().atZone(scenario.zone()).toInstant();
    this.spellEnd = scenario.closureEnd().atZone(scenario.zone()).toInstant();
    int hours =
        (int) Duration.between(start, scenario.endInstant()).toHours() + 48; // margin for skew
    int days = hours / 24 + 1;
    regional = new double[days];
    double v = scenario.pollution().regionalDayVariation();
    for (int d = 0; d < days; d++) {
      regional[d] = 1.0 + v * (2 * random.nextDouble() - 1);
    }
    // the days' wind from a random stream of its own: scenarios without it draw as before
    windDay = new double[days];
    Random wind = new Random(scenario.seed() ^ 0x3A1DL);
    double wv = scenario.weather().windDayVariation();
    for (int d = 0; d < days; d++) {
      windDay[d] = 1.0 + wv * (2 * wind.nextDouble() - 1);
    }
    rainPm = new double[hours];
    raining = new boolean[hours];
    java.util.Arrays.fill(rainPm, 1.0);
    WeatherSpec w = scenario.weather();
    for (int d = 0; d < days; d++) {
      double p =
          inSpell(start.plus(Duration.ofHours(d * 24L + 15)))
              ? spell.rainProbabilityPerDay()
              : w.rainProbabilityPerDay();
      boolean rains = random.nextDouble() < p;
      int startHour = 13 + random.nextInt(6);
      if (!rains) {
        continue;
      }
      int first = d * 24 + startHour;
      for (int h = 0; h < w.rainHours() && first + h < hours; h++) {
        raining[first + h] = true;
        rainPm[first + h] = w.rainPmFactor();
      }
      for (int r = 1; r <= w.rainRecoveryHours(); r++) {
        int h = first + w.rainHours() + r - 1;
        if (h < hours) {
          double f =
              w.rainPmFactor() + (1 - w.rainPmFactor()) * r / (double) (w.rainRecoveryHours() + 1);
          rainPm[h] = Math.min(rainPm[h], f);
        }
      }
    }
  }

  private int hourIndex(Instant t) {
    long h = Duration.between(start, t).toHours();
    return (int) Math.max(0, Math.min(rainPm.length - 1, h));
  }

  double regional(ZonedDateTime local, Instant t) {
    int d = hourIndex(t) / 24;
    return regional[Math.min(d, regional.length - 1)];
  }

  double rainPm(Instant t) {
    return rainPm[hourIndex(t)];
  }

  boolean raining(Instant t) {
    return raining[hourIndex(t)];
  }

  /** Whether the scenario's spell ({@link SpellSpec}) is on at {@code t}: during the closure. */
  boolean inSpell(Instant t) {
    return spell != null && !t.isBefore(spellStart) && t.isBefore(spellEnd);
  }

  /** The spell's factor on PM at {@code t}, 1 outside it. */
  double spellPm(Instant t) {
    return inSpell(t) ? spell.pmFactor() : 1.0;
  }

  /**
   * The wind's factor at {@code t}: its day's, or the spell's during the spell (so a spell inside
   * the days' range brings no wind the baseline never had).
   */
  double windFactor(Instant t) {
    int d = Math.min(hourIndex(t) / 24, windDay.length - 1);
    return inSpell(t) ? spell.windFactor() : windDay[d];
  }
}
