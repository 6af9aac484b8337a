package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import io.airq.streams.correction.Corrector;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A sensor's hourly windows recomputed from its stored raw readings ({@code airq recompute},
 * docs/registry.md), with the functions the streams job uses: each value corrected as the {@link
 * Corrector} does now (the calibration version that applies at its time), accumulated by {@link
 * WindowAccumulators#add} (flagged values left out), and turned into averages with their indices by
 * {@link Averages#ofSensor} (NowCast, US gas and EAQI indices read the recomputed hours before).
 * Pure.
 */
public final class HourRecompute {
  private static final long HOUR_MS = AverageWindow.HOUR.size().toMillis();
  private static final long MINUTE_MS = AverageWindow.MINUTE.size().toMillis();

  /**
   * How far before the period readings are needed: its first hour's indices read 23 hours, and the
   * local day holding its first hour starts up to 24 hours before it (25-hour days).
   */
  public static final java.time.Duration LOOKBACK = java.time.Duration.ofHours(24);

  /**
   * One stored raw reading: per quantity its raw value and the corrected value stored with it, and
   * its QA flags.
   */
  public record Stored(
      Instant time, Map<Quantity, Double> raw, Map<Quantity, Double> value, List<QaFlag> flags) {}

  private HourRecompute() {}

  /**
   * The reading as the streams job would clean it today: a value whose quantity has a calibration
   * version at its time gets that version; any other value keeps the corrected value stored with it
   * (the EPA correction or none: a registry version could not have applied when it was stored
   * either, and the EPA correction used a second channel the store does not keep) and the
   * correction id the {@link Corrector} gives it.
   */
  public static CleanReading clean(Sensor s, Stored r) {
    Reading reading =
        new Reading(s.id(), r.time(), r.time(), s.gatewayId(), null, r.raw(), Map.of(), r.flags());
    Map<Quantity, CorrectedValue> now = Corrector.correct(reading, s, r.flags());
    Map<Quantity, CorrectedValue> values = new EnumMap<>(Quantity.class);
    now.forEach(
        (q, v) -> {
          LinearCalibration cal = s.calibrationAt(q, r.time());
          Double stored = r.value().get(q);
          values.put(
              q,
              cal != null || stored == null
                  ? v
                  : new CorrectedValue(v.raw(), stored, v.correction()));
        });
    return new CleanReading(
        s.id(), r.time(), r.time(), s.gatewayId(), null, null, values, r.flags());
  }

  /**
   * How far past the period readings are needed for its calendar days: a day starting in it may
   * have 25 hours, and its last 8-hour means reach 7 hours past it.
   */
  public static final java.time.Duration DAY_LOOKAHEAD = java.time.Duration.ofHours(32);

  /**
   * The hourly averages of the hours starting in [from, to) that have readings, one list per hour
   * (each with every quantity), in time order.
   *
   * @param readings the stored readings from {@code from - LOOKBACK} to {@code to}, any order
   * @param gate the coverage gate, percent (the streams job's {@code coverage.gate})
   */
  public static List<List<WindowAverage>> hours(
      Sensor s, List<Stored> readings, Instant from, Instant to, double gate) {
    NavigableMap<Long, WindowAccumulators> hours = accumulate(s, readings);
    List<List<WindowAverage>> out = new ArrayList<>();
    for (Map.Entry<Long, WindowAccumulators> h :
        hours.subMap(from.toEpochMilli(), true, to.toEpochMilli(), false).entrySet()) {
      add(out, AverageWindow.HOUR, h.getKey(), h.getKey() + HOUR_MS, s, h.getValue(), gate, hours);
    }
    return out;
  }

  /**
   * The 24-hour rolling windows ({@code 24h}) ending with an hour that starts in [from, to) and
   * holding readings, each the sum of its hours' accumulators as the streams job's {@code
   * HourEmission} sums them, with {@link Averages#ofSensor} (the NAQI of the window's hours). A
   * window ending after the latest hour with readings is left out: the streams job does not emit a
   * window ending after its sensor's latest hour (docs/streams.md), so a sensor that fell silent
   * has no 24-hour means after its last hour.
   *
   * @param readings the stored readings from {@code from - LOOKBACK} to {@code to + DAY_LOOKAHEAD}
   *     (at least to {@code to}: then a window after the latest of them is left out though the
   *     sensor may have readings later), any order
   */
  public static List<List<WindowAverage>> rollingDays(
      Sensor s, List<Stored> readings, Instant from, Instant to, double gate) {
    NavigableMap<Long, WindowAccumulators> hours = accumulate(s, readings);
    List<List<WindowAverage>> out = new ArrayList<>();
    long end =
        hours.isEmpty()
            ? from.toEpochMilli()
            : Math.min(to.toEpochMilli(), hours.lastKey() + HOUR_MS);
    for (long last = from.toEpochMilli(); last < end; last += HOUR_MS) {
      long start = RollingDay.startEndingWith(last);
      add(out, AverageWindow.DAY_ROLLING, start, last + HOUR_MS, s, null, gate, hours);
    }
    return out;
  }

  /**
   * The local calendar days ({@code day}, {@link LocalDay} in the sensor's zone, else {@code zone})
   * that overlap [from, to) (the day holding {@code from}'s hour and those starting before {@code
   * to}) and hold readings, summed as the streams job's {@code LocalDayEmission} sums them, with
   * {@link Averages#ofSensor} (EPA's daily 8-hour indices, the NAQI).
   *
   * @param readings the stored readings from {@code from - LOOKBACK} (the day holding {@code from}
   *     starts at most 24 hours before it) to {@code to + DAY_LOOKAHEAD}, any order
   */
  public static List<List<WindowAverage>> calendarDays(
      Sensor s, List<Stored> readings, Instant from, Instant to, double gate, ZoneId zone) {
    NavigableMap<Long, WindowAccumulators> hours = accumulate(s, readings);
    ZoneId z = s.dayZone(zone);
    List<List<WindowAverage>> out = new ArrayList<>();
    LocalDay day = LocalDay.of(RollingDay.hourOf(from.toEpochMilli()), z);
    while (day.start() < to.toEpochMilli()) {
      add(out, AverageWindow.DAY, day.start(), day.end(), s, null, gate, hours);
      day = LocalDay.of(day.end(), z);
    }
    return out;
  }

  /**
   * The 1-minute averages of the minutes starting in [from, to) that have readings, one list per
   * minute (each with every quantity), in time order: the readings of each minute accumulated and
   * averaged as the streams job's minute windows are ({@link WindowAccumulators#add}, {@link
   * Averages#ofSensor}; a minute has no index values).
   *
   * @param readings the stored readings of [from, to) at least, any order
   */
  public static List<List<WindowAverage>> minutes(
      Sensor s, List<Stored> readings, Instant from, Instant to, double gate) {
    NavigableMap<Long, WindowAccumulators> minutes = new TreeMap<>();
    for (Stored r : readings) {
      long t = r.time().toEpochMilli();
      if (t >= from.toEpochMilli() && t < to.toEpochMilli()) {
        long minute = Math.floorDiv(t, MINUTE_MS) * MINUTE_MS;
        CleanReading clean = clean(s, r);
        minutes.compute(minute, (k, a) -> (a == null ? WindowAccumulators.EMPTY : a).add(clean, t));
      }
    }
    List<List<WindowAverage>> out = new ArrayList<>();
    for (Map.Entry<Long, WindowAccumulators> m : minutes.entrySet()) {
      List<WindowAverage> means =
          Averages.ofSensor(
              AverageWindow.MINUTE,
              Instant.ofEpochMilli(m.getKey()),
              s,
              m.getValue(),
              gate,
              before -> new TreeMap<>());
      if (!means.isEmpty()) {
        out.add(means);
      }
    }
    return out;
  }

  /** The readings cleaned and accumulated into their hours, by hour start. */
  private static NavigableMap<Long, WindowAccumulators> accumulate(
      Sensor s, List<Stored> readings) {
    NavigableMap<Long, WindowAccumulators> hours = new TreeMap<>();
    for (Stored r : readings) {
      long hour = Math.floorDiv(r.time().toEpochMilli(), HOUR_MS) * HOUR_MS;
      CleanReading clean = clean(s, r);
      hours.compute(
          hour,
          (k, a) -> (a == null ? WindowAccumulators.EMPTY : a).add(clean, r.time().toEpochMilli()));
    }
    return hours;
  }

  /**
   * Adds the averages of the window [start, end) to {@code out} unless it has none; {@code acc}
   * null: the sum of its hours.
   */
  private static void add(
      List<List<WindowAverage>> out,
      AverageWindow w,
      long start,
      long end,
      Sensor s,
      WindowAccumulators acc,
      double gate,
      NavigableMap<Long, WindowAccumulators> hours) {
    WindowAccumulators sum = acc;
    if (sum == null) {
      var in = hours.subMap(start, true, end, false);
      if (in.isEmpty()) {
        return;
      }
      sum = WindowAccumulators.EMPTY;
      for (WindowAccumulators a : in.values()) {
        sum = sum.plus(a);
      }
    }
    List<WindowAverage> means =
        Averages.ofSensor(
            w,
            Instant.ofEpochMilli(start),
            Instant.ofEpochMilli(end),
            s,
            sum,
            gate,
            // a copy, as the streams job's store read is: the index code takes sub-ranges of it
            before ->
                new TreeMap<>(hours.subMap(before - 24 * HOUR_MS, true, before - HOUR_MS, true)));
    if (!means.isEmpty()) {
      out.add(means);
    }
  }
}
