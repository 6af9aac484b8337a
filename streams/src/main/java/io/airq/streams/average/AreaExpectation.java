package io.airq.streams.average;

import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An area window's expected count from the registry, so that its coverage says what is missing: an
 * area with 1 of 10 sensors reporting is at about 10 %, and its mean below the coverage gate.
 *
 * <p>For each quantity the expected count is the sum of
 *
 * <ul>
 *   <li>the expected count of every sensor of the area that sent that quantity in the window, valid
 *       or not (its own window's expected count), and
 *   <li>for every outdoor air sensor registered in the area that sent nothing in the window, the
 *       readings it should have sent while in service in the window (window ∩ [installed, retired)
 *       / reporting interval). The registry does not say which quantities a sensor measures, so a
 *       silent sensor is expected for every quantity of the area window.
 * </ul>
 *
 * The count stays that of the sensors whose means the area mean averages (those at or above the
 * gate), so coverage = the share of the expected readings the mean is made of, capped at 100.
 */
public final class AreaExpectation {
  private AreaExpectation() {}

  /** Whether a sensor's means enter its area's means: it has an area and is not indoors. */
  public static boolean entersAreaMeans(Sensor s) {
    return !s.indoor() && !s.area().isEmpty();
  }

  /**
   * Whether a registered sensor is expected in its area's windows when it sends nothing: an outdoor
   * air sensor (a silent weather station is not expected to measure the area's air).
   */
  public static boolean expectedInArea(Sensor s) {
    return entersAreaMeans(s) && s.kind() == SensorKind.AIR;
  }

  /**
   * The area window's means with their expected counts (and coverages) from the registry.
   *
   * @param means the area window's means, one per quantity, as {@link Averages#ofArea} makes them
   * @param reporting every sensor entry of the area window (valid or not)
   * @param registered the sensors registered in the area ({@link #expectedInArea})
   * @param gate the coverage gate, percent: a mean below it loses its indices
   */
  public static List<WindowAverage> apply(
      List<WindowAverage> means,
      Collection<AreaInput> reporting,
      Collection<Sensor> registered,
      Instant start,
      Duration size,
      double gate) {
    Map<Quantity, Long> expected = new EnumMap<>(Quantity.class);
    Set<String> seen = new HashSet<>();
    for (AreaInput in : reporting) {
      seen.add(in.sensor());
      for (SensorMean m : in.means()) {
        expected.merge(m.quantity(), m.expectedCount(), Long::sum);
      }
    }
    Instant end = start.plus(size);
    long silent = 0;
    for (Sensor s : registered) {
      if (!seen.contains(s.id())) {
        silent += inService(s, start, end, size);
      }
    }
    List<WindowAverage> out = new ArrayList<>(means.size());
    for (WindowAverage a : means) {
      long e = expected.getOrDefault(a.quantity(), 0L) + silent;
      out.add(a.withExpected(Math.max(e, a.expectedCount()), gate));
    }
    return out;
  }

  /** The readings a sensor should send in [start, end) while in service. */
  static long inService(Sensor s, Instant start, Instant end, Duration size) {
    Duration active = s.activeWithin(start, end);
    if (active.equals(size)) {
      return s.expectedCount(size);
    }
    return active.toMillis() / s.reportingInterval().toMillis();
  }
}
