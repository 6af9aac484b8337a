package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one emission sends of a sensor's local calendar days ({@link LocalDay}, window {@code day},
 * in the sensor's zone or {@code day.zone}): a day is emitted once its last hour is complete (on
 * the sensor's clock or the partition's stream time, as the rolling windows are), and again when
 * late data changes one of its hours within the 24-hour grace; a day holding O3 or CO once more
 * when the 7 hours after it are complete (its last 8-hour means end then). Part of {@link
 * HourEmission}; pure but for {@link WindowIo}.
 */
final class LocalDayEmission {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDayEmission.class);
  private static final long HOUR_MS = RollingDay.HOUR_MS;

  /** How far the 8-hour means starting in a day reach past its last hour (EPA's O3 and CO). */
  private static final long TAIL_MS = 7 * HOUR_MS;

  private final long dayGraceMs;
  private final long hourRetentionMs;

  /** The zone of the days of a sensor without one of its own ({@code day.zone}). */
  private final ZoneId defaultZone;

  LocalDayEmission(long dayGraceMs, long hourRetentionMs, ZoneId defaultZone) {
    this.dayGraceMs = dayGraceMs;
    this.hourRetentionMs = hourRetentionMs;
    this.defaultZone = defaultZone;
  }

  /**
   * The calendar days to emit after some hours changed: each complete day holding a changed hour,
   * and the day owed since an earlier emission once complete; the day of {@code latest} is owed if
   * not complete.
   */
  void emit(
      SensorWindowState s,
      NavigableMap<Long, WindowAccumulators> changed,
      long latest,
      long complete,
      long streamTime,
      WindowIo io) {
    emitDays(s, zoneOf(s, io), changed, latest, complete, streamTime, io);
  }

  private void emitDays(
      SensorWindowState s,
      ZoneId zone,
      NavigableMap<Long, WindowAccumulators> changed,
      long latest,
      long complete,
      long streamTime,
      WindowIo io) {
    SortedSet<Long> days = new TreeSet<>();
    if (s.owedLocalDay != SensorWindowState.NONE
        && LocalDay.of(s.owedLocalDay, zone).lastHour() <= complete) {
      days.add(LocalDay.of(s.owedLocalDay, zone).start());
      s.owedLocalDay = SensorWindowState.NONE;
    }
    if (s.owedTail != SensorWindowState.NONE
        && tailLastHour(LocalDay.of(s.owedTail, zone)) <= complete) {
      days.add(LocalDay.of(s.owedTail, zone).start());
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

  /**
   * Records that the day holding {@code hour} is owed (after a restart), and the tail of the day
   * holding {@code hour - 7 h} (the day before when {@code hour} is among the first 7 of its day).
   * Both are kept as an hour of the day, resolved in the sensor's zone when emitted: the registry
   * may not be read here.
   */
  void owe(SensorWindowState s, long hour) {
    s.owedLocalDay = hour;
    s.owedTail = hour - TAIL_MS;
  }

  /**
   * The zone of a sensor's days: its own ({@code zone} in the registry), else {@code day.zone}. A
   * sensor not known since a restart is looked up in the registry.
   */
  private ZoneId zoneOf(SensorWindowState s, WindowIo io) {
    Sensor known = s.sensor != null ? s.sensor : io.sensor(s.id);
    return known == null ? defaultZone : known.dayZone(defaultZone);
  }

  /**
   * Emits the owed day (and the owed tail's day) of a sensor that sent nothing since, once its last
   * hour is over.
   */
  void emitOwed(SensorWindowState s, long currentHour, long streamTime, WindowIo io) {
    if (s.owedTail == SensorWindowState.NONE && s.owedLocalDay == SensorWindowState.NONE) {
      return;
    }
    ZoneId zone = zoneOf(s, io);
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
