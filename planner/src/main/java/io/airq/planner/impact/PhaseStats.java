package io.airq.planner.impact;

import io.airq.core.closure.Phase;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;

/**
 * One phase of one group, summarised.
 *
 * @param phase before, during or after
 * @param mean the mean of the valid sensor-hour means (NaN when there are none)
 * @param validHours valid sensor-hours
 * @param invalidHours sensor-hours below the hourly coverage gate
 * @param expectedHours sensor-hours the phase should have (sensors × hours)
 * @param coverage validHours / expectedHours, 0..1
 * @param days local days with at least one valid hour
 * @param dailyMeanSd the standard deviation of the daily means (NaN below two days)
 */
public record PhaseStats(
    Phase phase,
    double mean,
    long validHours,
    long invalidHours,
    long expectedHours,
    double coverage,
    int days,
    double dailyMeanSd) {

  public static PhaseStats of(PhaseAggregate aggregate, long expectedHours) {
    Moments total = aggregate.total();
    Moments daily = Moments.EMPTY;
    int days = 0;
    for (Moments d : aggregate.days().values()) {
      if (d.count() > 0) {
        daily = daily.add(d.mean());
        days++;
      }
    }
    double coverage =
        expectedHours <= 0 ? 0 : Math.min(1.0, (double) total.count() / expectedHours);
    return new PhaseStats(
        aggregate.phase(),
        total.mean(),
        total.count(),
        aggregate.invalidHours(),
        expectedHours,
        coverage,
        days,
        Math.sqrt(daily.variance()));
  }

  public boolean isEmpty() {
    return validHours == 0;
  }

  /** Whether the phase meets the coverage gate (a fraction, e.g. 0.75). */
  public boolean meets(double coverageGate) {
    return !isEmpty() && coverage >= coverageGate;
  }
}
