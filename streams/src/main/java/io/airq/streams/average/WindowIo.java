package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.registry.Sensor;

/**
 * What {@link PendingWindows} needs from outside: the sensor windows' stores and the way out. The
 * processor gives its state stores and its context; tests give maps.
 */
interface WindowIo {
  /** The stored minute, or null. */
  WindowAccumulators minute(String id, long start);

  /** The stored hour, or null. */
  WindowAccumulators hour(String id, long start);

  void putMinute(String id, long start, WindowAccumulators acc);

  void putHour(String id, long start, WindowAccumulators acc);

  /**
   * Visits the stored hours starting in [from, to], ascending or (backward) descending, until the
   * visitor answers false.
   */
  void hours(String id, long from, long to, boolean backward, HourVisitor visitor);

  /** Sends a window's averages on; {@code sensor} is null when not known since a restart. */
  void emit(String id, Sensor sensor, AverageWindow window, long start, WindowAccumulators acc);

  /** The registered sensor, or null (for its zone when no reading carried it since a restart). */
  default Sensor sensor(String id) {
    return null;
  }

  /** The wall clock, epoch milliseconds. */
  long wallClock();

  /** One stored hour; answers whether to go on. */
  interface HourVisitor {
    boolean visit(long start, WindowAccumulators acc);
  }
}
