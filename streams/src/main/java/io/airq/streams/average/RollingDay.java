package io.airq.streams.average;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which 24-hour rolling windows (hopping by an hour) of one sensor to emit after some of its hours
 * changed. A window is emitted once its last hour is complete (its end is at or before the end of
 * the latest complete hour the caller gives: the sensor's clock or its partition's stream time has
 * passed it), so in-order data emits one window per hour; a late hour re-emits the up to 24
 * complete windows containing it; and when the complete hours move on (also across a gap), the
 * windows they passed that hold earlier data are emitted too. The window ending with the hour that
 * was the latest at the last emission is the caller's to add (it was not complete then). Times are
 * epoch milliseconds of hour starts. Pure.
 */
public final class RollingDay {
  public static final long HOUR_MS = 3_600_000L;
  public static final int HOURS = 24;
  private static final long LAST_HOUR_OFFSET = (HOURS - 1) * HOUR_MS;

  private RollingDay() {}

  /**
   * @param changed the hours updated since the last emission
   * @param latest the sensor's latest complete hour
   * @param previous the latest hour that was not changed (its windows were emitted before); {@code
   *     Long.MIN_VALUE} when there is none
   * @return the starts of the windows to emit, ascending, in a new set the caller may add to
   */
  public static SortedSet<Long> starts(Collection<Long> changed, long latest, long previous) {
    SortedSet<Long> out = new TreeSet<>();
    long lastEmittable = latest - LAST_HOUR_OFFSET;
    for (long h : changed) {
      for (long s = h - LAST_HOUR_OFFSET; s <= Math.min(h, lastEmittable); s += HOUR_MS) {
        out.add(s);
      }
    }
    if (previous != Long.MIN_VALUE) {
      for (long s = previous - LAST_HOUR_OFFSET + HOUR_MS;
          s <= Math.min(previous, lastEmittable);
          s += HOUR_MS) {
        out.add(s);
      }
    }
    return out;
  }

  /** The start of the 24-hour window whose last hour starts at {@code hour}. */
  public static long startEndingWith(long hour) {
    return hour - LAST_HOUR_OFFSET;
  }

  /** The start of the hour holding {@code t}. */
  public static long hourOf(long t) {
    return Math.floorDiv(t, HOUR_MS) * HOUR_MS;
  }
}
