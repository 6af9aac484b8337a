package io.airq.planner.impact.weather;

import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Before a closure: the smallest change it could show (the minimum detectable effect from placebo
 * closures in the history before it), for several lengths of history and with or without the
 * control sites, so a planner sees what more baseline weeks or control sites would buy (pure). The
 * placebo closures are those a report on the same history would use, so the estimate for the
 * default six weeks is the report's minimum detectable effect.
 */
public final class StudyPlan {
  private StudyPlan() {}

  /**
   * One estimate.
   *
   * @param trainingWeeks weeks of history before the closure
   * @param controlSites control sites used as an input
   * @param trainingDays valid days in that history
   * @param placebos placebo closures it rests on
   * @param minimumDetectablePercent the smallest detectable change, NaN without enough history
   */
  public record Estimate(
      int trainingWeeks,
      int controlSites,
      int trainingDays,
      int placebos,
      double minimumDetectablePercent) {}

  /** The estimates for each of {@code weeks}, with all controls, then without controls. */
  public static List<Estimate> estimates(
      LocalDateTime start,
      LocalDateTime end,
      ZoneId zone,
      List<Sensor> treated,
      List<Sensor> control,
      Collection<HourlyMean> hours,
      double hourGate,
      Map<Instant, WeatherHour> weather,
      List<Integer> weeks,
      BauSettings s) {
    NavigableMap<Instant, Double> t = ClosureAdjustment.hourly(hours, ids(treated), hourGate);
    NavigableMap<Instant, Double> c = ClosureAdjustment.hourly(hours, ids(control), hourGate);
    List<Estimate> out = new ArrayList<>();
    for (int w : weeks) {
      out.add(estimate(start, end, zone, t, c, control.size(), weather, w, s));
    }
    if (!control.isEmpty()) {
      int longest = weeks.stream().mapToInt(Integer::intValue).max().orElse(6);
      out.add(estimate(start, end, zone, t, new TreeMap<>(), 0, weather, longest, s));
    }
    return out;
  }

  static Estimate estimate(
      LocalDateTime start,
      LocalDateTime end,
      ZoneId zone,
      NavigableMap<Instant, Double> treated,
      NavigableMap<Instant, Double> control,
      int controls,
      Map<Instant, WeatherHour> weather,
      int weeks,
      BauSettings s) {
    Instant from = start.atZone(zone).minus(Duration.ofDays(7L * weeks)).toInstant();
    Instant to = start.atZone(zone).toInstant();
    Instant e = end.atZone(zone).toInstant();
    BauInput in = new BauInput(treated, control, weather, zone, from, to, List.of(), to, e, e);
    List<Bau.Row> train = Bau.rows(in, in::trains);
    int days = (int) train.stream().map(Bau.Row::day).distinct().count();
    if (days < s.minTrainingDays()) {
      return new Estimate(weeks, controls, days, 0, Double.NaN);
    }
    double[] oof = HeldOutDays.logPredictions(train, s);
    double smear = HeldOutDays.smear(train, oof);
    List<Double> placebos = PlaceboInTime.effects(in, train, smear, s);
    double[] predicted = new double[oof.length];
    for (int i = 0; i < oof.length; i++) {
      predicted[i] = Math.exp(oof[i]) * smear;
    }
    Set<Integer> hoursOfDay = new TreeSet<>();
    Set<java.time.LocalDate> phaseDays = new TreeSet<>();
    for (Instant t = to; t.isBefore(e); t = t.plusSeconds(3600)) {
      hoursOfDay.add(t.atZone(zone).getHour());
      phaseDays.add(t.atZone(zone).toLocalDate());
    }
    DayBootstrap b =
        DayBootstrap.of(train, predicted, hoursOfDay, phaseDays.size(), s.resamples(), s.seed());
    return new Estimate(
        weeks, controls, days, placebos.size(), WeatherAdjustment.minimumDetectable(placebos, b));
  }

  private static Set<String> ids(List<Sensor> sensors) {
    return Set.copyOf(sensors.stream().map(Sensor::id).toList());
  }
}
