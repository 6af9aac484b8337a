package io.airq.simulator.truth;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Phase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Mean of hourly means: values are averaged per sensor and clock hour; a sensor-hour counts when it
 * holds at least 75 % of the expected readings; its phase is the phase of the hour's start; the
 * phase mean is the mean of the valid sensor-hour means in that phase. This is how the pipeline
 * aggregates (see docs/method.md).
 */
public final class PhaseMeansCalculator {
  private final Closure closure;
  private final long expectedPerHour;
  private final Map<String, double[]> hours = new HashMap<>(); // key sensor|hour -> sum,count

  public PhaseMeansCalculator(Closure closure, long expectedPerHour) {
    this.closure = closure;
    this.expectedPerHour = Math.max(1, expectedPerHour);
  }

  public void add(String sensor, Instant time, double value) {
    Instant hour = time.truncatedTo(ChronoUnit.HOURS);
    double[] acc = hours.computeIfAbsent(sensor + "|" + hour, k -> new double[2]);
    acc[0] += value;
    acc[1] += 1;
  }

  public PhaseMeans result() {
    Map<Phase, double[]> phases = new EnumMap<>(Phase.class); // sum of means, count
    for (Map.Entry<String, double[]> e : hours.entrySet()) {
      double[] acc = e.getValue();
      if (acc[1] < 0.75 * expectedPerHour) {
        continue;
      }
      Instant hour = Instant.parse(e.getKey().substring(e.getKey().lastIndexOf('|') + 1));
      closure
          .phaseOf(hour)
          .ifPresent(
              p -> {
                double[] s = phases.computeIfAbsent(p, k -> new double[2]);
                s[0] += acc[0] / acc[1];
                s[1] += 1;
              });
    }
    Double before = mean(phases.get(Phase.BEFORE));
    Double during = mean(phases.get(Phase.DURING));
    Double after = mean(phases.get(Phase.AFTER));
    return new PhaseMeans(
        before,
        during,
        after,
        count(phases.get(Phase.BEFORE)),
        count(phases.get(Phase.DURING)),
        count(phases.get(Phase.AFTER)),
        change(before, during),
        change(before, after));
  }

  private static Double mean(double[] s) {
    return s == null || s[1] == 0 ? null : s[0] / s[1];
  }

  private static long count(double[] s) {
    return s == null ? 0 : (long) s[1];
  }

  private static Double change(Double before, Double other) {
    return before == null || other == null || before == 0 ? null : (other / before - 1) * 100;
  }
}
