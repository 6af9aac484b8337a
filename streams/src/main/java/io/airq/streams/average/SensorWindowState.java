package io.airq.streams.average;

import io.airq.core.registry.Sensor;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One sensor's windows still to emit, as {@link PendingWindows} keeps them between emissions: its
 * pending minutes (with when each began to wait) and hours, its clock, and the 24-hour window it
 * owes. Mutable, confined to its task's thread.
 */
final class SensorWindowState {
  static final long NONE = Long.MIN_VALUE;

  final String id;

  /** The sensor as its latest reading carried it; null after a restart until its next reading. */
  Sensor sensor;

  /** Pending minutes by start, in time order. */
  final NavigableMap<Long, WindowAccumulators> minutes = new TreeMap<>();

  /**
   * Per pending minute: when (wall-clock ms) it began to wait; a minute recovered after a restart
   * has none and is emitted at the first emission.
   */
  final Map<Long, Long> minuteWaits = new HashMap<>();

  /** The latest measurement time seen while it has pending minutes ({@link #NONE} otherwise). */
  long clock = NONE;

  /** Whether it is in its {@link PendingWindows}' list of sensors with pending minutes. */
  boolean minutesListed;

  /** Hours changed since the last emission, by start, in time order. */
  final NavigableMap<Long, WindowAccumulators> hours = new TreeMap<>();

  /**
   * Its latest hour when that hour was not complete at its last emission ({@link #NONE} if none):
   * the 24-hour window ending with it is owed, and is emitted once the hour is complete (the sensor
   * sent a reading of a later hour, or the partition's stream time or the wall clock passed the
   * hour's end). Not in a store: after a restart each sensor's latest stored hour that is not
   * pending is taken as owed, so its window may be emitted once more (the same value, which the
   * sink overwrites).
   */
  long owedDay = NONE;

  /**
   * The start of the local calendar day of its latest hour when that day was not complete at its
   * last emission ({@link #NONE} if none): emitted once the day's last hour is complete, by the
   * same rule as {@link #owedDay} (so a sensor that falls silent in the evening still gets its
   * day). Kept as an hour of that day (resolved in the sensor's zone). Not in a store: after a
   * restart it is the day of the latest stored hour.
   */
  long owedLocalDay = NONE;

  /**
   * The start of a calendar day holding O3 or CO whose daily 8-hour value was not final at its
   * emission ({@link #NONE} if none): its last 8-hour means reach 7 hours into the next day, so it
   * is emitted again once those hours are complete. Kept as an hour of that day (resolved in the
   * sensor's zone). Not in a store: after a restart it is the day holding the hour 7 hours before
   * the latest stored hour.
   */
  long owedTail = NONE;

  SensorWindowState(String id) {
    this.id = id;
  }
}
