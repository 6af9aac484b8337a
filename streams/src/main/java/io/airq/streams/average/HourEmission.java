package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one emission sends of a sensor's hours: its changed hours, the 24-hour rolling windows
 * (hopping by an hour) those complete or change ({@link RollingDay} picks them; this reads the
 * hours they hold and sums them), and the local calendar days ({@link LocalDay}, window {@code
 * day}) they complete or change: a day is emitted once its last hour is complete (on the sensor's
 * clock or the partition's stream time, as the rolling windows are), and again when late data
 * changes one of its hours within the 24-hour grace. Part of {@link PendingWindows}; pure but for
 * {@link WindowIo}.
 */
final class HourEmission {
  private static final Logger LOG = LoggerFactory.getLogger(HourEmission.class);
  private static final long HOUR_MS = RollingDay.HOUR_MS;
  private static final long DAY_MS = AverageWindow.DAY_ROLLING.size().toMillis();

  /** How far the 8-hour means starting in a day reach past its last hour (EPA's O3 and CO). */
  private static final long TAIL_MS = 7 * HOUR_MS;

  private final long dayGraceMs;
  private final long hourRetentionMs;
  private final ZoneId zone;
  private final LatestAndPrevious scan = new LatestAndPrevious();

  HourEmission(long dayGraceMs, long hourRetentionMs, ZoneId zone) {
    this.dayGraceMs = dayGraceMs;
    this.hourRetentionMs = hourRetentionMs;
    this.zone = zone;
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
    emitLocalDays(s, changed, latest, complete, streamTime, io);
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
   * The calendar days to emit after some hours changed: each complete day holding a changed hour,
   * and the day owed since an earlier emission once complete; the day of {@code latest} is owed if
   * not complete.
   */
  private void emitLocalDays(
      SensorWindowState s,
      NavigableMap<Long, WindowAccumulators> changed,
      long latest,
      long complete,
      long streamTime,
      WindowIo io) {
    SortedSet<Long> days = new TreeSet<>();
    if (s.owedLocalDay != SensorWindowState.NONE
        && LocalDay.of(s.owedLocalDay, zone).lastHour() <= complete) {
      days.add(s.owedLocalDay);
      s.owedLocalDay = SensorWindowState.NONE;
    }
    if (s.owedTail != SensorWindowState.NONE
        && tailLastHour(LocalDay.of(s.owedTail, zone)) <= complete) {
      days.add(s.owedTail);
      s.owedTail = SensorWindowState.NONE;
    }
    LocalDay day = null;
    for (Map.Entry<Long, WindowAccumulators> e : changed.entrySet()) {
      long h = e.getKey();
      if (day == null || h >= day.end()) {
        day = LocalDay.of(h, zone);
        if (day.lastHour() <= complete) {
          days.add(day.start());
        }
      }
      if (h <= complete && h < day.start() + TAIL_MS && hasEightHourGas(e.getValue())) {
        // a late hour among the first 7 of a day changes the previous day's last 8-hour means
        LocalDay before = LocalDay.of(day.start() - HOUR_MS, zone);
        if (tailLastHour(before) <= complete) {
          days.add(before.start());
        } else {
          s.owedTail = before.start();
        }
      }
    }
    LocalDay last = LocalDay.of(latest, zone);
    if (last.lastHour() > complete) {
      s.owedLocalDay = last.start();
    }
    for (long start : days) {
      emitLocalDay(s, changed, LocalDay.of(start, zone), complete, streamTime, io);
    }
  }

  /** The last hour of the 8-hour means starting in {@code day}: 7 hours after its last hour. */
  private static long tailLastHour(LocalDay day) {
    return day.lastHour() + TAIL_MS;
  }

  private static boolean hasEightHourGas(WindowAccumulators acc) {
    return acc.quantities().containsKey(Quantity.O3) || acc.quantities().containsKey(Quantity.CO);
  }

  /** Records that the day holding {@code hour} is owed (after a restart), and its tail's day. */
  void oweLocalDay(SensorWindowState s, long hour) {
    LocalDay day = LocalDay.of(hour, zone);
    s.owedLocalDay = day.start();
    if (hour < day.start() + TAIL_MS) {
      s.owedTail = LocalDay.of(day.start() - HOUR_MS, zone).start();
    }
  }

  /**
   * Emits the owed day (and the owed tail's day) of a sensor that sent nothing since, once its last
   * hour is over.
   */
  void emitOwedLocalDay(SensorWindowState s, long currentHour, long streamTime, WindowIo io) {
    if (s.owedTail != SensorWindowState.NONE) {
      LocalDay day = LocalDay.of(s.owedTail, zone);
      if (tailLastHour(day) < currentHour) {
        s.owedTail = SensorWindowState.NONE;
        emitLocalDay(s, NO_CHANGE, day, currentHour - HOUR_MS, streamTime, io);
      }
    }
    if (s.owedLocalDay == SensorWindowState.NONE) {
      return;
    }
    LocalDay day = LocalDay.of(s.owedLocalDay, zone);
    if (day.lastHour() < currentHour) {
      s.owedLocalDay = SensorWindowState.NONE;
      emitLocalDay(s, NO_CHANGE, day, currentHour - HOUR_MS, streamTime, io);
    }
  }

  private static final NavigableMap<Long, WindowAccumulators> NO_CHANGE =
      java.util.Collections.emptyNavigableMap();

  private void emitLocalDay(
      SensorWindowState s,
      NavigableMap<Long, WindowAccumulators> changed,
      LocalDay day,
      long complete,
      long streamTime,
      WindowIo io) {
    long reference = streamTime;
    for (WindowAccumulators h : changed.subMap(day.start(), true, day.end(), false).values()) {
      reference = Math.min(reference, h.pendingSince());
    }
    if (day.end() + dayGraceMs <= reference) {
      return;
    }
    if (day.start() + hourRetentionMs <= streamTime) {
      LOG.debug("{}: calendar day at {} is older than the hour store keeps", s.id, day.start());
      return;
    }
    NavigableMap<Long, WindowAccumulators> hours = new TreeMap<>();
    io.hours(
        s.id,
        day.start(),
        day.lastHour(),
        false,
        (start, acc) -> {
          hours.put(start, acc);
          return true;
        });
    hours.putAll(changed.subMap(day.start(), true, day.end(), false));
    if (hours.isEmpty()) {
      return;
    }
    WindowAccumulators sum = WindowAccumulators.EMPTY;
    for (WindowAccumulators a : hours.values()) {
      sum = sum.plus(a);
    }
    if (tailLastHour(day) > complete && hasEightHourGas(sum)) {
      s.owedTail = day.start();
    }
    io.emit(s.id, s.sensor, AverageWindow.DAY, day.start(), sum);
  }
}
