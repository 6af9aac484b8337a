package io.airq.app;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.registry.Sensor;
import io.airq.streams.average.HourRecompute;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A sensor's part of {@code airq recompute}: reads its stored raw readings ({@link
 * RecomputeStore}), recomputes its hours, 24-hour windows and calendar days ({@link
 * HourRecompute}), compares them with the stored {@code average} windows and, unless it is a dry
 * run, replaces them.
 */
final class RecomputeJob {
  /**
   * One sensor-day's (or area-day's) outcome: hours recomputed, and of them hours whose mean or
   * correction moved (the largest change of an hour's mean); 24-hour windows, calendar days and
   * minutes recomputed, and of them those that moved.
   */
  record Outcome(
      int hours,
      int changed,
      double largestChange,
      int rolling,
      int rollingChanged,
      int days,
      int daysChanged,
      int minutes,
      int minutesChanged) {

    static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0, 0, 0, 0);

    Outcome plus(Outcome o) {
      return new Outcome(
          hours + o.hours,
          changed + o.changed,
          Math.max(largestChange, o.largestChange),
          rolling + o.rolling,
          rollingChanged + o.rollingChanged,
          days + o.days,
          daysChanged + o.daysChanged,
          minutes + o.minutes,
          minutesChanged + o.minutesChanged);
    }

    /** Replaces (or compares, in a dry run) the four kinds of window of {@code key}. */
    static Outcome replace(
        RecomputeStore.Replacement r,
        Scope scope,
        String key,
        List<List<WindowAverage>> minutes,
        List<List<WindowAverage>> hours,
        List<List<WindowAverage>> rolling,
        List<List<WindowAverage>> days,
        Instant from,
        Instant to) {
      double[] largest = {0};
      int minutesChanged =
          r.add(scope, key, AverageWindow.MINUTE, minutes, from, to, new double[1]);
      int changed = r.add(scope, key, AverageWindow.HOUR, hours, from, to, largest);
      int rollingChanged =
          r.add(
              scope,
              key,
              AverageWindow.DAY_ROLLING,
              rolling,
              from.minus(HourRecompute.LOOKBACK),
              to,
              new double[1]);
      int daysChanged = r.add(scope, key, AverageWindow.DAY, days, from, to, new double[1]);
      return new Outcome(
          hours.size(),
          changed,
          largest[0],
          rolling.size(),
          rollingChanged,
          days.size(),
          daysChanged,
          minutes.size(),
          minutesChanged);
    }
  }

  private final RecomputeStore store;
  private final double gate;
  private final ZoneId dayZone;
  private final boolean minutes;

  /**
   * @param minutes whether the 1-minute windows are recomputed too
   */
  RecomputeJob(RecomputeStore store, double gate, ZoneId dayZone, boolean minutes) {
    this.store = store;
    this.gate = gate;
    this.dayZone = dayZone;
    this.minutes = minutes;
  }

  /**
   * Recomputes the sensor's hours (and minutes, if asked) starting in [from, to), the 24-hour
   * windows ending with them and the calendar days starting in them; writes them unless {@code
   * dryRun}.
   */
  Outcome run(Sensor s, Instant from, Instant to, boolean dryRun) {
    List<HourRecompute.Stored> raw =
        store.readings(
            s.id(), from.minus(HourRecompute.LOOKBACK), to.plus(HourRecompute.DAY_LOOKAHEAD));
    RecomputeStore.Replacement r = store.replacement();
    Outcome o =
        Outcome.replace(
            r,
            Scope.SENSOR,
            s.id(),
            minutes ? HourRecompute.minutes(s, raw, from, to, gate) : List.of(),
            HourRecompute.hours(s, raw, from, to, gate),
            HourRecompute.rollingDays(s, raw, from, to, gate),
            HourRecompute.calendarDays(s, raw, from, to, gate, dayZone),
            from,
            to);
    if (!dryRun) {
      r.write();
    }
    return o;
  }
}
