package io.airq.app;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.registry.Sensor;
import io.airq.streams.average.AreaRecompute;
import io.airq.streams.average.HourRecompute;
import java.time.Duration;
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
  private static final Duration LAST_HOUR = Duration.ofHours(23);

  /**
   * A day of the period (at most; the loop of {@link RecomputeRun}), [from, to): {@code first}, its
   * first day, also recomputes the local day holding its first hour; {@code last}, its last, also
   * the hours after the period whose index values read its hours, and the 24-hour windows ending
   * with them ({@link AreaRecompute#FOLLOWING}).
   */
  record Chunk(Instant from, Instant to, boolean first, boolean last) {
    /** Where the windows recomputed end: the period's end, or 23 hours after it. */
    Instant followTo() {
      return last ? to.plus(AreaRecompute.FOLLOWING) : to;
    }

    /** The calendar days overlapping it that are this chunk's (not the previous chunk's). */
    List<List<WindowAverage>> own(List<List<WindowAverage>> days) {
      return first ? days : days.stream().filter(d -> !d.get(0).start().isBefore(from)).toList();
    }
  }

  /**
   * One sensor-day's (or area-day's) outcome: hours recomputed, and of them hours that moved (the
   * largest change of an hour's mean); hours after the period rewritten for their index values, and
   * of them those that moved; 24-hour windows, calendar days and minutes recomputed, and of them
   * those that moved.
   */
  record Outcome(
      int hours,
      int changed,
      double largestChange,
      int after,
      int afterChanged,
      int rolling,
      int rollingChanged,
      int days,
      int daysChanged,
      int minutes,
      int minutesChanged) {

    static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    Outcome plus(Outcome o) {
      return new Outcome(
          hours + o.hours,
          changed + o.changed,
          Math.max(largestChange, o.largestChange),
          after + o.after,
          afterChanged + o.afterChanged,
          rolling + o.rolling,
          rollingChanged + o.rollingChanged,
          days + o.days,
          daysChanged + o.daysChanged,
          minutes + o.minutes,
          minutesChanged + o.minutesChanged);
    }

    /**
     * Replaces (or compares, in a dry run) the four kinds of window of {@code key} recomputed for
     * {@code c}: {@code minutes} null when not recomputed, {@code hours} and {@code rolling} up to
     * {@link Chunk#followTo}, {@code days} those overlapping the chunk. With {@code deleteAbsent}
     * (an area whose sensors had raw readings in the chunk), its stored windows of the chunk that
     * were not recomputed are deleted.
     */
    static Outcome replace(
        RecomputeStore.Replacement r,
        Scope scope,
        String key,
        Chunk c,
        boolean deleteAbsent,
        List<List<WindowAverage>> minutes,
        List<List<WindowAverage>> hours,
        List<List<WindowAverage>> rolling,
        List<List<WindowAverage>> days) {
      double[] largest = {0};
      int minutesChanged =
          r.add(
              scope,
              key,
              AverageWindow.MINUTE,
              minutes,
              new RecomputeStore.Span(c.from(), c.to(), deleteAbsent ? c.from() : null, false),
              new double[1]);
      List<List<WindowAverage>> in = startingBefore(hours, c.to(), true);
      List<List<WindowAverage>> after = startingBefore(hours, c.to(), false);
      int changed =
          r.add(
              scope,
              key,
              AverageWindow.HOUR,
              in,
              new RecomputeStore.Span(c.from(), c.to(), deleteAbsent ? c.from() : null, false),
              largest);
      int afterChanged =
          c.last()
              ? r.add(
                  scope,
                  key,
                  AverageWindow.HOUR,
                  after,
                  new RecomputeStore.Span(c.to(), c.followTo(), null, true),
                  new double[1])
              : 0;
      Instant lastIn = c.to().minus(LAST_HOUR); // the start of the window ending with c.to's hour
      int rollingChanged =
          r.add(
                  scope,
                  key,
                  AverageWindow.DAY_ROLLING,
                  startingBefore(rolling, lastIn, true),
                  new RecomputeStore.Span(
                      c.from().minus(LAST_HOUR),
                      lastIn,
                      deleteAbsent ? c.from().minus(LAST_HOUR) : null,
                      false),
                  new double[1])
              + r.add(
                  scope,
                  key,
                  AverageWindow.DAY_ROLLING,
                  startingBefore(rolling, lastIn, false),
                  new RecomputeStore.Span(lastIn, c.followTo().minus(LAST_HOUR), null, false),
                  new double[1]);
      List<List<WindowAverage>> own = c.own(days);
      Instant daysFrom =
          own.isEmpty() || !own.get(0).get(0).start().isBefore(c.from())
              ? c.from()
              : own.get(0).get(0).start();
      int daysChanged =
          r.add(
              scope,
              key,
              AverageWindow.DAY,
              own,
              new RecomputeStore.Span(daysFrom, c.to(), deleteAbsent ? c.from() : null, false),
              new double[1]);
      return new Outcome(
          in.size(),
          changed,
          largest[0],
          after.size(),
          afterChanged,
          rolling.size(),
          rollingChanged,
          own.size(),
          daysChanged,
          minutes == null ? 0 : minutes.size(),
          minutesChanged);
    }

    /** The windows starting before {@code t} (or, {@code before} false, at or after it). */
    private static List<List<WindowAverage>> startingBefore(
        List<List<WindowAverage>> windows, Instant t, boolean before) {
      return windows.stream().filter(w -> w.get(0).start().isBefore(t) == before).toList();
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
   * Recomputes the sensor's hours (and minutes, if asked) starting in the chunk, the 24-hour
   * windows ending with them, the calendar days overlapping it and, for the period's last chunk,
   * the windows after it that hold its hours; writes them unless {@code dryRun}.
   */
  Outcome run(Sensor s, Chunk c, boolean dryRun) {
    Instant from = c.from();
    List<HourRecompute.Stored> raw =
        store.readings(
            s.id(), from.minus(HourRecompute.LOOKBACK), c.to().plus(HourRecompute.DAY_LOOKAHEAD));
    RecomputeStore.Replacement r = store.replacement();
    Outcome o =
        Outcome.replace(
            r,
            Scope.SENSOR,
            s.id(),
            c,
            false,
            minutes ? HourRecompute.minutes(s, raw, from, c.to(), gate) : null,
            HourRecompute.hours(s, raw, from, c.followTo(), gate),
            HourRecompute.rollingDays(s, raw, from, c.followTo(), gate),
            HourRecompute.calendarDays(s, raw, from, c.to(), gate, dayZone));
    if (!dryRun) {
      r.write();
    }
    return o;
  }
}
