package io.airq.streams.average;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The valid sensor means of one quantity in one area window, as a running aggregate: how many
 * sensors, their summed counts and expected counts, the sums of their means and raw means, the
 * smallest min and largest max, and how many sensors use each correction id and county. Sums of
 * means are in fixed point ({@link #fixed}: micro-units in a long), so adding and subtracting a
 * sensor is exact and the aggregate does not depend on the order or number of updates. For a
 * circular quantity (wind direction, {@link Circular}) the two sums hold the sines and the cosines
 * of the sensors' mean directions instead of their means and raw means.
 */
record AreaStats(
    int sensors,
    long count,
    long expected,
    long meanSum,
    long rawSum,
    double min,
    double max,
    SortedMap<String, Integer> corrections,
    SortedMap<String, Integer> counties) {

  /** Fixed-point units per unit of a mean (µg/m³, °C, …): means are summed to 10⁻⁶. */
  static final double SCALE = 1e6;

  /**
   * Bound of a mean in the fixed-point sums: 10⁹ (QA flags values far below it; flagged values are
   * not averaged), so the sums of up to 9,000 sensors cannot overflow.
   */
  private static final double BOUND = 1e9;

  static final AreaStats EMPTY =
      new AreaStats(
          0,
          0,
          0,
          0,
          0,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          new TreeMap<>(),
          new TreeMap<>());

  static long fixed(double mean) {
    return Math.round(Math.max(-BOUND, Math.min(BOUND, mean)) * SCALE);
  }

  AreaStats plus(SensorMean m, String county) {
    return new AreaStats(
        sensors + 1,
        count + m.count(),
        expected + m.expectedCount(),
        meanSum + fixed(first(m)),
        rawSum + fixed(second(m)),
        Math.min(min, m.min()),
        Math.max(max, m.max()),
        counted(corrections, m.correction(), 1),
        counted(counties, county, 1));
  }

  /**
   * Without a sensor's mean; min and max are left as they were, so the caller must know that the
   * sensor did not hold them ({@link AreaAggregate#replace}).
   */
  AreaStats minus(SensorMean m, String county) {
    return new AreaStats(
        sensors - 1,
        count - m.count(),
        expected - m.expectedCount(),
        meanSum - fixed(first(m)),
        rawSum - fixed(second(m)),
        min,
        max,
        counted(corrections, m.correction(), -1),
        counted(counties, county, -1));
  }

  /**
   * Sines and cosines are summed in units of 10⁻¹² (this times {@link #SCALE}), well inside the
   * bound, so that an area's mean direction is as precise as a sensor's.
   */
  private static final double UNIT_VECTOR_SCALE = 1e6;

  /** What the first sum adds up: the mean, or the sine of a mean direction. */
  private static double first(SensorMean m) {
    return m.quantity().circular() ? Circular.sin(m.mean()) * UNIT_VECTOR_SCALE : m.mean();
  }

  /** What the second sum adds up: the raw mean, or the cosine of a mean direction. */
  private static double second(SensorMean m) {
    return m.quantity().circular() ? Circular.cos(m.mean()) * UNIT_VECTOR_SCALE : m.rawMean();
  }

  /** The direction of the mean unit vector of a circular quantity's sensors, NaN when none. */
  double meanAngle() {
    double scale = SCALE * UNIT_VECTOR_SCALE;
    return Circular.meanDegrees(meanSum / scale, rawSum / scale, sensors);
  }

  double mean() {
    return meanSum / (sensors * SCALE);
  }

  double rawMean() {
    return rawSum / (sensors * SCALE);
  }

  /**
   * The correction ids in use, each once, joined with "+" in name order (a sensor's own field may
   * already join two, e.g. {@code none+v-rc} for a window across a calibration change).
   */
  String correction() {
    if (corrections.size() == 1) {
      return corrections.firstKey();
    }
    java.util.SortedSet<String> ids = new java.util.TreeSet<>();
    for (String c : corrections.keySet()) {
      ids.addAll(java.util.Arrays.asList(c.split("\\+")));
    }
    return String.join("+", ids);
  }

  private static SortedMap<String, Integer> counted(
      SortedMap<String, Integer> counts, String key, int delta) {
    SortedMap<String, Integer> next = new TreeMap<>(counts);
    int n = next.getOrDefault(key, 0) + delta;
    if (n > 0) {
      next.put(key, n);
    } else {
      next.remove(key);
    }
    return next;
  }
}
