package io.airq.planner.impact.weather;

import io.airq.core.closure.Closure;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * airq-impact-2 for a closure's treated and control groups (pure): the groups' hourly means from
 * the valid sensor-hours (the same validity as airq-impact-1), the training window, the other
 * closures left out, the weather, and each control site treated as if closed (placebo in space).
 */
public final class ClosureAdjustment {
  /** The default training window: the six weeks before the closure starts. */
  public static final Duration DEFAULT_TRAINING = Duration.ofDays(42);

  private ClosureAdjustment() {}

  /** The treated and control results (control null when the closure has no control group). */
  public record Result(WeatherAdjusted treated, WeatherAdjusted control) {}

  /** The first instant of the training window. */
  public static Instant trainStart(Closure c, Duration training) {
    return c.start().atZone(c.zone()).minus(training).toInstant();
  }

  public static Result analyse(
      Closure closure,
      List<Sensor> treated,
      List<Sensor> control,
      Collection<HourlyMean> hours,
      double hourGate,
      Map<Instant, WeatherHour> weather,
      String weatherSource,
      Collection<Closure> others,
      Duration training,
      BauSettings s) {
    Instant from = trainStart(closure, training);
    Instant to = closure.startInstant();
    List<BauInput.Interval> excluded = new ArrayList<>();
    for (Closure o : others) {
      if (!o.id().equals(closure.id())
          && !o.isWithdrawn()
          && o.startInstant().isBefore(to)
          && o.endInstant().isAfter(from)) {
        excluded.add(new BauInput.Interval(o.startInstant(), o.endInstant()));
      }
    }
    NavigableMap<Instant, Double> c = hourly(hours, ids(control), hourGate);
    NavigableMap<Instant, Double> t = hourly(hours, ids(treated), hourGate);
    BauInput forTreated =
        new BauInput(
            t,
            c,
            weather,
            closure.zone(),
            from,
            to,
            excluded,
            closure.startInstant(),
            closure.endInstant(),
            closure.afterEnd());
    WeatherAdjusted wt = WeatherAdjustment.analyse(forTreated, s, weatherSource);
    if (closure.control().isEmpty()) {
      return new Result(wt, null);
    }
    WeatherAdjusted wc =
        WeatherAdjustment.analyse(forTreated.withSeries(c, new TreeMap<>()), s, weatherSource);
    List<Placebo.SpacePlacebo> space = new ArrayList<>();
    if (control.size() >= 2) {
      BauSettings quick = s.withMaxPlacebos(0);
      for (Sensor site : control) {
        List<Sensor> rest = new ArrayList<>(control);
        rest.remove(site);
        WeatherAdjusted p =
            WeatherAdjustment.analyse(
                forTreated.withSeries(
                    hourly(hours, Set.of(site.id()), hourGate), hourly(hours, ids(rest), hourGate)),
                quick,
                weatherSource);
        space.add(new Placebo.SpacePlacebo(site.id(), p.duringVsBefore().percent()));
      }
    }
    return new Result(withSpace(wt, space), wc);
  }

  private static WeatherAdjusted withSpace(WeatherAdjusted w, List<Placebo.SpacePlacebo> space) {
    return new WeatherAdjusted(
        w.methodVersion(),
        w.duringVsBefore(),
        w.afterVsBefore(),
        w.skill(),
        w.placebo().withSpace(space),
        w.minimumDetectablePercent(),
        w.hourOfDay(),
        w.weatherSource(),
        w.outcome(),
        w.reason(),
        w.training());
  }

  private static Set<String> ids(List<Sensor> sensors) {
    return Set.copyOf(sensors.stream().map(Sensor::id).toList());
  }

  /** Per hour, the mean of the valid sensor-hours of these sensors. */
  static NavigableMap<Instant, Double> hourly(
      Collection<HourlyMean> hours, Set<String> sensors, double gate) {
    Map<Instant, double[]> sums = new HashMap<>();
    for (HourlyMean h : hours) {
      if (sensors.contains(h.sensor()) && h.valid(gate)) {
        double[] a = sums.computeIfAbsent(h.hourStart(), k -> new double[2]);
        a[0] += h.mean();
        a[1]++;
      }
    }
    NavigableMap<Instant, Double> out = new TreeMap<>();
    sums.forEach((t, a) -> out.put(t, a[0] / a[1]));
    return out;
  }

  /** The weather by hour from hourly values per quantity (NaN where a quantity is missing). */
  public static Map<Instant, WeatherHour> weatherHours(
      java.util.SortedMap<Instant, Map<Quantity, Double>> hours) {
    Map<Instant, WeatherHour> out = new HashMap<>();
    hours.forEach(
        (t, v) ->
            out.put(
                t,
                new WeatherHour(
                    t,
                    v.getOrDefault(Quantity.WIND_SPEED, Double.NaN),
                    v.getOrDefault(Quantity.WIND_DIR, Double.NaN),
                    v.getOrDefault(Quantity.TEMPERATURE, Double.NaN),
                    v.getOrDefault(Quantity.HUMIDITY, Double.NaN),
                    v.getOrDefault(Quantity.RAIN, Double.NaN),
                    v.getOrDefault(Quantity.PRESSURE, Double.NaN))));
    return out;
  }

  /**
   * The weather by hour from a station's hourly means per quantity: wind speed, direction (already
   * a vector mean), temperature, humidity and pressure as means, rain as the hour's total (mean ×
   * readings).
   */
  public static Map<Instant, WeatherHour> weather(Map<Quantity, List<HourlyMean>> byQuantity) {
    Map<Instant, double[]> v = new TreeMap<>();
    Quantity[] order = {
      Quantity.WIND_SPEED,
      Quantity.WIND_DIR,
      Quantity.TEMPERATURE,
      Quantity.HUMIDITY,
      Quantity.RAIN,
      Quantity.PRESSURE
    };
    for (int i = 0; i < order.length; i++) {
      for (HourlyMean h : byQuantity.getOrDefault(order[i], List.of())) {
        if (!Double.isFinite(h.mean()) || h.count() <= 0) {
          continue;
        }
        double[] a =
            v.computeIfAbsent(
                h.hourStart(),
                k ->
                    new double[] {
                      Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN
                    });
        a[i] = order[i] == Quantity.RAIN ? h.mean() * h.count() : h.mean();
      }
    }
    Map<Instant, WeatherHour> out = new HashMap<>();
    v.forEach((t, a) -> out.put(t, new WeatherHour(t, a[0], a[1], a[2], a[3], a[4], a[5])));
    return out;
  }
}
