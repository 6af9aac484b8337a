package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one emission sends of a sensor's hours: its changed hours, the 24-hour rolling windows
 * (hopping by an hour) those complete or change ({@link RollingDay} picks them; this reads the
 * hours they hold and sums them), and the local calendar days they complete or change ({@link
 * LocalDayEmission}). Part of {@link PendingWindows}; pure but for {@link WindowIo}.
 */
final class HourEmission {
  private static final Logger LOG = LoggerFactory.getLogger(HourEmission.class);
  private static final long HOUR_MS = RollingDay.HOUR_MS;
  private static final long DAY_MS = AverageWindow.DAY_ROLLING.size().toMillis();

  private final long dayGraceMs;
  private final long hourRetentionMs;

  private final LocalDayEmission localDays;

  private final LatestAndPrevious scan = new LatestAndPrevious();

  HourEmission(long dayGraceMs, long hourRetentionMs, ZoneId zone) {
    this.dayGraceMs = dayGraceMs;
    this.hourRetentionMs = hourRetentionMs;
    this.localDays = new LocalDayEmission(dayGraceMs, hourRetentionMs, zone);
  }

  /**
   * Emits a sensor's changed hours and the 24-hour windows they complete or change. {@code
   * currentHour}: the hour that the partition's stream time (its newest reading of any sensor) or
   * the wall clock is in, whichever is later: every hour before it is over. The wall clock covers a
   * partition whose sensors all fell silent (a small city, the end of a replay); in a replay or
   * backfill of past data every hour is over by it, so the window ending with a sensor's latest
   * hour is emitted as that hour fills.
   */
  void emitHours(SensorWindowState s, long currentHour, long streamTime, WindowIo io) {
    NavigableMap<Long, WindowAccumulators> changed = s.hours;
    // bounded: a cached window store's range iterator walks every segment interval in the range
    long to = Math.max(changed.lastKey(), RollingDay.hourOf(streamTime));
    scan.start(changed);
    io.hours(s.id, Math.max(0, to - hourRetentionMs), to, true, scan);
    long latest = scan.latest;
    for (Map.Entry<Long, WindowAccumulators> h : changed.entrySet()) {
      io.emit(s.id, s.sensor, AverageWindow.HOUR, h.getKey(), h.getValue());
    }
    // the 24-hour windows are updated when an hour completes (and when late data changes a complete
    // hour), not at every emission of the sensor's current hour
    long complete = latest < currentHour ? latest : latest - HOUR_MS;
    SortedSet<Long> starts = RollingDay.starts(changed.keySet(), complete, scan.previous);
    long owed = s.owedDay;
    s.owedDay = SensorWindowState.NONE;
    if (owed != SensorWindowState.NONE && owed <= complete) {
      starts.add(RollingDay.startEndingWith(owed));
    }
    if (latest > complete) {
      s.owedDay = latest;
    }
    if (!starts.isEmpty()) {
      emitDays(s, changed, starts, streamTime, io);
    }
    localDays.emit(s, changed, latest, complete, streamTime, io);
    for (Map.Entry<Long, WindowAccumulators> h : changed.entrySet()) {
      io.putHour(s.id, h.getKey(), h.getValue().emitted());
    }
  }

  /**
   * The latest stored hour (or the latest changed one if later) and the latest stored hour that did
   * not change, read backwards from the newest.
   */
  private static final class LatestAndPrevious implements WindowIo.HourVisitor {
    private NavigableMap<Long, WindowAccumulators> changed;
    private boolean first;
    long latest;
    long previous;

    void start(NavigableMap<Long, WindowAccumulators> changed) {
      this.changed = changed;
      this.first = true;
      this.latest = changed.lastKey();
      this.previous = Long.MIN_VALUE;
    }

    @Override
    public boolean visit(long start, WindowAccumulators acc) {
      if (first) {
        latest = Math.max(latest, start);
        first = false;
      }
      if (!changed.containsKey(start)) {
        previous = start;
        return false;
      }
      return true;
    }
  }

  void emitDays(
      SensorWindowState s,
      NavigableMap<Long, WindowAccumulators> changed,
      SortedSet<Long> starts,
      long streamTime,
      WindowIo io) {
    NavigableMap<Long, WindowAccumulators> span = new TreeMap<>();
    io.hours(
        s.id,
        starts.first(),
        starts.last() + DAY_MS - HOUR_MS,
        false,
        (start, acc) -> {
          span.put(start, acc);
          return true;
        });
    span.putAll(changed.subMap(starts.first(), true, starts.last() + DAY_MS - HOUR_MS, true));
    for (long start : starts) {
      NavigableMap<Long, WindowAccumulators> day = span.subMap(start, true, start + DAY_MS, false);
      long reference = streamTime;
      for (WindowAccumulators h : changed.subMap(start, true, start + DAY_MS, false).values()) {
        reference = Math.min(reference, h.pendingSince());
      }
      if (day.isEmpty() || start + DAY_MS + dayGraceMs <= reference) {
        continue;
      }
      if (start + hourRetentionMs <= streamTime) {
        // its first hours may be gone from the store: a partial day would replace the whole one
        LOG.debug("{}: 24-hour window at {} is older than the hour store keeps", s.id, start);
        continue;
      }
      WindowAccumulators sum = WindowAccumulators.EMPTY;
      for (WindowAccumulators a : day.values()) {
        sum = sum.plus(a);
      }
      io.emit(s.id, s.sensor, AverageWindow.DAY_ROLLING, start, sum);
    }
  }

  /**
   * Records that the day holding {@code hour} is owed (after a restart): {@link LocalDayEmission}.
   */
  void oweLocalDay(SensorWindowState s, long hour) {
    localDays.owe(s, hour);
  }

  /** Emits the owed day of a sensor that sent nothing since: {@link LocalDayEmission}. */
  void emitOwedLocalDay(SensorWindowState s, long currentHour, long streamTime, WindowIo io) {
    localDays.emitOwed(s, currentHour, streamTime, io);
  }
}
