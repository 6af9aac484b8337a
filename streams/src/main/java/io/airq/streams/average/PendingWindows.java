package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.CleanReading;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The window logic of one task's sensors, without Kafka: which minute and hour a reading updates,
 * what is emitted at once, and what each emission sends. The windows themselves live in a store
 * behind {@link WindowIo}; this keeps, per sensor ({@link SensorWindowState}), what is still to
 * emit.
 *
 * <p>A reading updates its minute and hour, each when still open on its sensor's clock (window end
 * + grace after the latest measurement time of that sensor) and still within its store's retention
 * behind the task's stream time (the newest reading of any sensor in the partition; the store drops
 * older windows). A minute is emitted at once by the reading that completes it at its sensor's
 * nominal interval (the first, for the usual sensor that reports once a minute or slower); a minute
 * still filling or holding more readings than that, and every hour, are marked pending. At every
 * {@link #emit} the pending hours are emitted once each, with the 24-hour windows they changed
 * ({@link RollingDay}) and the local calendar days ({@link LocalDay}) they complete or change, and
 * so are the pending minutes that have closed on their sensor's clock (a reading of a later minute
 * came) or have waited {@link Limits#openMinuteWait} (a sensor that fell silent). Times are epoch
 * milliseconds; the caller gives the stream time and the wall clock.
 */
final class PendingWindows {
  private static final long MINUTE_MS = AverageWindow.MINUTE.size().toMillis();
  private static final NavigableMap<Long, WindowAccumulators> NO_HOURS =
      Collections.emptyNavigableMap();

  /**
   * @param minuteGrace how late (on its sensor's clock) a reading still updates its minute
   * @param dayGrace how late a 24-hour window is still emitted after a change
   * @param minuteRetention how long the minute store keeps a minute behind the stream time
   * @param hourRetention how long the hour store keeps an hour behind the stream time
   * @param openMinuteWait how long (wall-clock) a pending minute waits for its sensor's clock
   * @param dayZone the zone of the local calendar days ({@link LocalDay})
   */
  record Limits(
      Duration minuteGrace,
      Duration dayGrace,
      Duration minuteRetention,
      Duration hourRetention,
      Duration openMinuteWait,
      ZoneId dayZone) {
    /** Limits with the calendar days in UTC. */
    Limits(
        Duration minuteGrace,
        Duration dayGrace,
        Duration minuteRetention,
        Duration hourRetention,
        Duration openMinuteWait) {
      this(minuteGrace, dayGrace, minuteRetention, hourRetention, openMinuteWait, ZoneId.of("UTC"));
    }
  }

  private final long minuteGraceMs;
  private final long minuteRetentionMs;
  private final long openMinuteWaitMs;
  private final Map<String, SensorWindowState> sensors = new HashMap<>();

  /** Sensors with pending minutes, in the order they got them. */
  private final List<SensorWindowState> withMinutes = new ArrayList<>();

  /** Sensors with hours changed since the last emission, in the order they changed. */
  private final List<SensorWindowState> withHours = new ArrayList<>();

  private final HourEmission hourEmission;

  PendingWindows(Limits limits) {
    this.minuteGraceMs = limits.minuteGrace().toMillis();
    this.minuteRetentionMs = limits.minuteRetention().toMillis();
    this.openMinuteWaitMs = limits.openMinuteWait().toMillis();
    this.hourEmission =
        new HourEmission(
            limits.dayGrace().toMillis(), limits.hourRetention().toMillis(), limits.dayZone());
  }

  private SensorWindowState state(String id) {
    SensorWindowState s = sensors.get(id);
    if (s == null) {
      s = new SensorWindowState(id);
      sensors.put(id, s);
    }
    return s;
  }

  /**
   * Adds an on-time clean reading of a known sensor.
   *
   * @param sensorTime its sensor's clock: the latest measurement time it sent, this one included
   * @param streamTime the task's stream time
   */
  void add(CleanReading r, Sensor sensor, long sensorTime, long streamTime, WindowIo io) {
    SensorWindowState s = state(r.sensorId());
    s.sensor = sensor;
    long t = r.time().toEpochMilli();
    long minute = Math.floorDiv(t, MINUTE_MS) * MINUTE_MS;
    if (minute + MINUTE_MS + minuteGraceMs > sensorTime
        && minute + minuteRetentionMs > streamTime) {
      addToMinute(s, r, minute, sensorTime, io);
    }
    if (s.minutesListed) {
      // a pending minute is emitted once this passes its end
      s.clock = Math.max(s.clock, sensorTime);
    }
    // the hour is open: readings whose hour closed never get here (CleaningProcessor marks them
    // late with the same rule, and the topology sends only on-time readings to the windows)
    long hour = RollingDay.hourOf(t);
    if (s.hours.isEmpty()) {
      withHours.add(s);
    }
    WindowAccumulators pending = s.hours.get(hour);
    WindowAccumulators before = pending != null ? pending : io.hour(s.id, hour);
    WindowAccumulators acc =
        (before == null ? WindowAccumulators.EMPTY : before).add(r, sensorTime);
    io.putHour(s.id, hour, acc);
    s.hours.put(hour, acc);
  }

  private void addToMinute(
      SensorWindowState s, CleanReading r, long minute, long sensorTime, WindowIo io) {
    WindowAccumulators before = s.minutes.get(minute);
    WindowAccumulators stored = before != null ? before : io.minute(s.id, minute);
    WindowAccumulators acc =
        (stored == null ? WindowAccumulators.EMPTY : stored).add(r, sensorTime);
    long expected = s.sensor.expectedCount(AverageWindow.MINUTE.size());
    if (acc.count() == expected && (stored == null || stored.count() < expected)) {
      // the reading that completes the minute at its sensor's nominal interval: the first of a
      // sensor reporting every minute or slower (the usual case), the sixth of one every 10 s
      acc = acc.emitted();
      io.putMinute(s.id, minute, acc);
      io.emit(s.id, s.sensor, AverageWindow.MINUTE, minute, acc);
      if (before != null) {
        s.minutes.remove(minute);
        s.minuteWaits.remove(minute);
      }
    } else {
      // a minute still filling, or more readings than its sensor's interval gives (a faster
      // sensor, a replay): emitted once it has closed
      io.putMinute(s.id, minute, acc);
      listMinutes(s);
      s.minutes.put(minute, acc);
      if (!s.minuteWaits.containsKey(minute)) {
        s.minuteWaits.put(minute, io.wallClock());
      }
    }
  }

  private void listMinutes(SensorWindowState s) {
    if (!s.minutesListed) {
      s.minutesListed = true;
      withMinutes.add(s);
    }
  }

  /** A window found in the hour store at start: pending ones are emitted at the first emission. */
  boolean recoverHour(String id, long start, WindowAccumulators acc) {
    SensorWindowState s = state(id);
    if (!acc.pending()) {
      // the window it owed when the task stopped ends with its latest hour, or is paid already (a
      // pending later hour is owed again when it is emitted), and so is the calendar day holding it
      if (start > s.owedDay) {
        s.owedDay = start;
        hourEmission.oweLocalDay(s, start);
      }
      return false;
    }
    if (s.hours.isEmpty()) {
      withHours.add(s);
    }
    s.hours.put(start, acc);
    return true;
  }

  /**
   * A window found in the minute store at start: pending ones are emitted at the first emission.
   */
  boolean recoverMinute(String id, long start, WindowAccumulators acc) {
    if (!acc.pending()) {
      return false;
    }
    SensorWindowState s = state(id);
    listMinutes(s);
    s.minutes.put(start, acc);
    return true;
  }

  /**
   * One emission: the closed or waited-out minutes, the changed hours, the owed 24-hour windows.
   */
  void emit(long wall, long streamTime, WindowIo io) {
    emitMinutes(wall, io);
    long currentHour = RollingDay.hourOf(Math.max(streamTime, wall));
    for (SensorWindowState s : withHours) {
      hourEmission.emitHours(s, currentHour, streamTime, io);
      s.hours.clear();
    }
    withHours.clear();
    // sensors that sent nothing since: their owed window goes once its hour is over
    for (SensorWindowState s : sensors.values()) {
      if (s.owedDay != SensorWindowState.NONE && s.owedDay < currentHour) {
        SortedSet<Long> start = new TreeSet<>();
        start.add(RollingDay.startEndingWith(s.owedDay));
        s.owedDay = SensorWindowState.NONE;
        hourEmission.emitDays(s, NO_HOURS, start, streamTime, io);
      }
      hourEmission.emitOwedLocalDay(s, currentHour, streamTime, io);
    }
  }

  private void emitMinutes(long wall, WindowIo io) {
    int kept = 0;
    for (SensorWindowState s : withMinutes) {
      Iterator<Map.Entry<Long, WindowAccumulators>> pending = s.minutes.entrySet().iterator();
      while (pending.hasNext()) {
        Map.Entry<Long, WindowAccumulators> m = pending.next();
        long minute = m.getKey();
        Long since = s.minuteWaits.get(minute);
        boolean closed = minute + MINUTE_MS <= s.clock;
        if (closed || since == null || wall - since >= openMinuteWaitMs) {
          io.emit(s.id, s.sensor, AverageWindow.MINUTE, minute, m.getValue());
          io.putMinute(s.id, minute, m.getValue().emitted());
          pending.remove();
          s.minuteWaits.remove(minute);
        }
      }
      if (s.minutes.isEmpty()) {
        s.minutesListed = false;
        s.clock = SensorWindowState.NONE;
        s.minuteWaits.clear();
      } else {
        withMinutes.set(kept++, s);
      }
    }
    withMinutes.subList(kept, withMinutes.size()).clear();
  }
}
