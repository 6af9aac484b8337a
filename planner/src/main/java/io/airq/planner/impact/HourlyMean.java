package io.airq.planner.impact;

import java.time.Instant;

/**
 * One sensor-hour: the mean of a sensor's readings in the hour starting at {@code hourStart}, with
 * the count it rests on and the count expected at the sensor's nominal interval.
 */
public record HourlyMean(String sensor, Instant hourStart, double mean, long count, long expected) {

  /** Valid when finite and {@code count >= gate × expected} (gate e.g. 0.75). */
  public boolean valid(double gate) {
    return Double.isFinite(mean) && expected > 0 && count >= gate * expected;
  }
}
