package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An area's minutes, hours, 24-hour rolling windows and calendar days recomputed from its sensors'
 * window means ({@code airq recompute}, docs/registry.md), with the classes the streams job's
 * {@link AreaWindowsProcessor} emits them with: the valid sensors' means aggregated by {@link
 * AreaAggregate}, the area averages of {@link Averages#ofArea}, an hour's index values from the
 * area's hours before it ({@link AreaHourIndices}), the expected count from the registry ({@link
 * AreaExpectation}) and a 24-hour window's NAQI from the area's hours in it ({@link AreaDayNaqi}).
 * Indoor sensors and sensors of other areas are left out, as the streams job does not repartition
 * them to the area. Pure.
 */
public final class AreaRecompute {
  private static final long HOUR_MS = RollingDay.HOUR_MS;

  /**
   * How far before the period its sensors' hours are needed: an hour's indices read 23 hours, and
   * the day holding the period's first hour starts up to 24 hours before it.
   */
  public static final Duration LOOKBACK = Duration.ofHours(24);

  /**
   * How far after the period its sensors' hours are needed: a day starting in it may have 25 hours,
   * and its NAQI reads the area's hours of the day.
   */
  public static final Duration LOOKAHEAD = Duration.ofHours(25);

  /**
   * How far after the period the windows holding its hours reach: the 24-hour windows ending with
   * the 23 hours after it, and those hours' index values, read its hours (when an hour changes the
   * streams job re-emits the 24-hour windows holding it, {@code HourEmission}, and an area's later
   * hours too, {@code AreaWindowsProcessor}).
   */
  public static final Duration FOLLOWING = Duration.ofHours(23);

  /** An area's recomputed windows, each one list of averages (every quantity), in time order. */
  public record Windows(
      List<List<WindowAverage>> minutes,
      List<List<WindowAverage>> hours,
      List<List<WindowAverage>> rolling,
      List<List<WindowAverage>> days) {}

  private AreaRecompute() {}

  /**
   * The area's windows that have sensor means: minutes starting in [from, to), hours starting in
   * [from, followTo) and 24-hour windows ending with such an hour, and the calendar days that
   * overlap [from, to).
   *
   * @param sensorWindows the sensors' windows, as recomputed ({@code HourRecompute}) or emitted:
   *     hours from {@code from - LOOKBACK} to {@code to + LOOKAHEAD}, the 24-hour windows ending
   *     with an hour in [from, followTo), the calendar days overlapping the period; those of other
   *     areas, of indoor sensors and of other window kinds are ignored
   * @param followTo {@code to}, or up to {@code to + FOLLOWING} for the windows after the period
   *     that hold its hours
   * @param registry the registered sensors (any area; those expected in this one are picked)
   * @param gate the coverage gate, percent (the streams job's {@code coverage.gate})
   * @param dayZone the zone of a day whose area has no sensor with a zone (the job's {@code
   *     day.zone})
   */
  public static Windows of(
      String area,
      Collection<SensorWindow> sensorWindows,
      Collection<Sensor> registry,
      Instant from,
      Instant to,
      Instant followTo,
      double gate,
      ZoneId dayZone) {
    List<Sensor> registered =
        registry.stream()
            .filter(s -> s.area().equals(area) && AreaExpectation.expectedInArea(s))
            .toList();
    Map<AverageWindow, NavigableMap<Long, List<AreaInput>>> inputs = inputs(area, sensorWindows);
    NavigableMap<Long, Map<Quantity, Double>> hourMeans = new TreeMap<>();
    inputs
        .get(AverageWindow.HOUR)
        .forEach((start, in) -> hourMeans.put(start, AreaAggregate.of(in, gate).means()));
    long a = from.toEpochMilli();
    long b = to.toEpochMilli();
    long f = followTo.toEpochMilli();
    List<List<WindowAverage>> minutes = new ArrayList<>();
    inputs
        .get(AverageWindow.MINUTE)
        .subMap(a, true, b, false)
        .forEach(
            (start, in) ->
                add(
                    minutes,
                    area,
                    AverageWindow.MINUTE,
                    start,
                    start + AverageWindow.MINUTE.size().toMillis(),
                    in,
                    registered,
                    gate,
                    Map.of(),
                    hourMeans));
    List<List<WindowAverage>> hours = new ArrayList<>();
    List<List<WindowAverage>> rolling = new ArrayList<>();
    List<List<WindowAverage>> days = new ArrayList<>();
    inputs
        .get(AverageWindow.HOUR)
        .subMap(a, true, f, false)
        .forEach(
            (start, in) ->
                add(
                    hours,
                    area,
                    AverageWindow.HOUR,
                    start,
                    start + HOUR_MS,
                    in,
                    registered,
                    gate,
                    AreaHourIndices.of(start, hourMeans),
                    hourMeans));
    inputs
        .get(AverageWindow.DAY_ROLLING)
        .subMap(RollingDay.startEndingWith(a), true, RollingDay.startEndingWith(f), false)
        .forEach(
            (start, in) ->
                add(
                    rolling,
                    area,
                    AverageWindow.DAY_ROLLING,
                    start,
                    start + AverageWindow.DAY_ROLLING.size().toMillis(),
                    in,
                    registered,
                    gate,
                    Map.of(),
                    hourMeans));
    inputs
        .get(AverageWindow.DAY)
        .headMap(b, false)
        .forEach(
            (start, in) -> {
              long end = LocalDay.endOf(start, registered, dayZone);
              if (end > a) { // the day holding the period's first hour too
                add(
                    days,
                    area,
                    AverageWindow.DAY,
                    start,
                    end,
                    in,
                    registered,
                    gate,
                    Map.of(),
                    hourMeans);
              }
            });
    return new Windows(minutes, hours, rolling, days);
  }

  /** The area's sensor means by window and start, as the area repartition would bring them. */
  private static Map<AverageWindow, NavigableMap<Long, List<AreaInput>>> inputs(
      String area, Collection<SensorWindow> sensorWindows) {
    Map<AverageWindow, NavigableMap<Long, List<AreaInput>>> out =
        new java.util.EnumMap<>(AverageWindow.class);
    for (AverageWindow w : AverageWindow.values()) {
      out.put(w, new TreeMap<>());
    }
    for (SensorWindow w : sensorWindows) {
      if (w.sensor().area().equals(area)
          && AreaExpectation.entersAreaMeans(w.sensor())
          && !w.averages().isEmpty()) {
        out.get(w.window())
            .computeIfAbsent(w.start().toEpochMilli(), s -> new ArrayList<>())
            .add(w.areaInput());
      }
    }
    return out;
  }

  /** Adds the area window [start, end) as the streams job emits it, unless it has no mean. */
  private static void add(
      List<List<WindowAverage>> out,
      String area,
      AverageWindow w,
      long start,
      long end,
      List<AreaInput> in,
      List<Sensor> registered,
      double gate,
      Map<Quantity, List<io.airq.core.index.IndexValue>> hourIndices,
      NavigableMap<Long, Map<Quantity, Double>> hourMeans) {
    Instant s = Instant.ofEpochMilli(start);
    Instant e = Instant.ofEpochMilli(end);
    List<WindowAverage> means =
        Averages.ofArea(area, w, s, e, AreaAggregate.of(in, gate), hourIndices);
    if (means.isEmpty()) {
      return;
    }
    means = AreaExpectation.apply(means, in, registered, s, Duration.between(s, e), gate);
    if (w == AverageWindow.DAY || w == AverageWindow.DAY_ROLLING) {
      means = AreaDayNaqi.with(means, hourMeans, w, start, end, gate);
    }
    out.add(means);
  }
}
