package io.airq.planner.impact.weather;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What the business-as-usual model of one group needs: plain hourly series and the windows.
 *
 * @param observed the group's hourly means (the mean of its valid sensor-hours), by hour start
 * @param control the control group's hourly means (empty when the closure has no control sites)
 * @param weather the weather by hour start (empty when there is none)
 * @param zone the closure's zone (hour of day, weekday and days are local)
 * @param trainStart first instant of the training window
 * @param trainEnd end of the training window (exclusive; normally the closure's start)
 * @param excluded intervals left out of training (other registered closures)
 * @param duringStart the closure's start
 * @param duringEnd the closure's end
 * @param afterEnd the end of the after phase
 */
public record BauInput(
    NavigableMap<Instant, Double> observed,
    NavigableMap<Instant, Double> control,
    Map<Instant, WeatherHour> weather,
    ZoneId zone,
    Instant trainStart,
    Instant trainEnd,
    List<Interval> excluded,
    Instant duringStart,
    Instant duringEnd,
    Instant afterEnd) {

  /** A half-open interval of time. */
  public record Interval(Instant start, Instant end) {
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** The same windows, weather and exclusions for another pair of series. */
  public BauInput withSeries(
      NavigableMap<Instant, Double> observed, NavigableMap<Instant, Double> control) {
    return new BauInput(
        observed,
        control,
        weather,
        zone,
        trainStart,
        trainEnd,
        excluded,
        duringStart,
        duringEnd,
        afterEnd);
  }

  /** Whether an hour may be used for training. */
  boolean trains(Instant t) {
    if (t.isBefore(trainStart) || !t.isBefore(trainEnd)) {
      return false;
    }
    for (Interval i : excluded) {
      if (i.contains(t)) {
        return false;
      }
    }
    return true;
  }
}
