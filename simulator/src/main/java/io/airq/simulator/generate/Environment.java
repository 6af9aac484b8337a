package io.airq.simulator.generate;

import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.WeatherSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * The city-wide state per hour: regional background factor, rain factor and rain flag. Drawn once
 * from the seed, in a fixed order, so it is the same for every sensor and every run.
 */
final class Environment {
  private final Instant start;
  private final double[] regional;
  private final double[] rainPm;
  private final boolean[] raining;

  Environment(Scenario scenario, Random random) {
    this.start = scenario.startInstant();
    int hours =
        (int) Duration.between(start, scenario.endInstant()).toHours() + 48; // margin for skew
    int days = hours / 24 + 1;
    regional = new double[days];
    double v = scenario.pollution().regionalDayVariation();
    for (int d = 0; d < days; d++) {
      regional[d] = 1.0 + v * (2 * random.nextDouble() - 1);
    }
    rainPm = new double[hours];
    raining = new boolean[hours];
    java.util.Arrays.fill(rainPm, 1.0);
    WeatherSpec w = scenario.weather();
    for (int d = 0; d < days; d++) {
      boolean rains = random.nextDouble() < w.rainProbabilityPerDay();
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
}
