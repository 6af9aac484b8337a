package io.airq.planner.impact.weather;

import io.airq.planner.impact.Change;
import io.airq.planner.impact.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * airq-impact-2 for one group (pure; docs/method.md, "airq-impact-2"): boosted trees of the log
 * hourly mean from weather, time and the control sites, fitted on the training window, predicts the
 * closure's hours with the weather that occurred; the effect is observed/predicted − 1, its
 * interval a day-block bootstrap of held-out days, checked by placebo closures.
 */
public final class WeatherAdjustment {
  public static final String METHOD_VERSION = "airq-impact-2.1";

  /** With at least this many placebo closures, the during interval comes from their spread. */
  static final int MIN_PLACEBOS = 19;

  static final Change NO_CHANGE = new Change(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  private WeatherAdjustment() {}

  public static WeatherAdjusted analyse(BauInput in, BauSettings s, String weatherSource) {
    List<Bau.Row> train = Bau.rows(in, in::trains);
    int days = (int) train.stream().map(Bau.Row::day).distinct().count();
    List<Bau.Row> during = Bau.rows(in, t -> within(t, in.duringStart(), in.duringEnd()));
    List<Bau.Row> after = Bau.rows(in, t -> within(t, in.duringEnd(), in.afterEnd()));
    if (days < s.minTrainingDays() || during.isEmpty()) {
      String reason =
          during.isEmpty()
              ? WeatherReason.NO_DURING_HOURS.text()
              : WeatherReason.FEW_TRAINING_DAYS.text(
                  "days", String.valueOf(days), "needed", String.valueOf(s.minTrainingDays()));
      return insufficient(in, train, days, weatherSource, reason);
    }
    double[] oof = HeldOutDays.logPredictions(train, s);
    double smear = HeldOutDays.smear(train, oof);
    double[] oofPredicted = new double[oof.length];
    double[] observed = new double[oof.length];
    for (int i = 0; i < oof.length; i++) {
      oofPredicted[i] = Math.exp(oof[i]) * smear;
      observed[i] = train.get(i).obs();
    }
    Skill skill = Skill.of(observed, oofPredicted);
    Bau.Fit fit = Bau.fit(train, s.rounds(), s.seed());
    double[] pd = fit.predict(during, smear);
    double[] pa = fit.predict(after, smear);
    double ed = Bau.effect(during, pd);
    double ea = Bau.effect(after, pa);
    DayBootstrap bd = bootstrap(train, oofPredicted, in.duringStart(), in.duringEnd(), in, s);
    DayBootstrap ba = bootstrap(train, oofPredicted, in.duringEnd(), in.afterEnd(), in, s);
    List<Double> placebos = PlaceboInTime.effects(in, train, smear, s);
    DayBootstrap interval = placebos.size() >= MIN_PLACEBOS ? fromPlacebos(placebos, bd) : bd;
    Placebo placebo = summarise(placebos, ed, bd);
    double mde = minimumDetectable(placebos, bd);
    Change cd = change(ed, interval);
    String reason = "";
    Outcome outcome = cd.outcome();
    if (!fit.features().hasWeather()) {
      reason = WeatherReason.NO_WEATHER.text();
    } else if (!(skill.r2() >= s.minR2())) {
      reason =
          WeatherReason.LOW_SKILL.text(
              "r2",
              String.format(Locale.ROOT, "%.2f", skill.r2()),
              "min",
              String.format(Locale.ROOT, "%.2f", s.minR2()));
    } else if (placebo.count() >= MIN_PLACEBOS && placebo.intervalCoverage() < s.minCoverage()) {
      reason =
          WeatherReason.LOW_COVERAGE.text(
              "coverage",
              String.format(Locale.ROOT, "%.0f", placebo.intervalCoverage() * 100),
              "count",
              String.valueOf(placebo.count()),
              "min",
              String.format(Locale.ROOT, "%.0f", s.minCoverage() * 100));
    }
    if (!reason.isEmpty()) {
      outcome = Outcome.INSUFFICIENT_DATA;
    } else if (outcome == Outcome.INSUFFICIENT_DATA) {
      reason = WeatherReason.NO_INTERVAL.text();
    } else if (outcome != Outcome.NO_CLEAR_CHANGE
        && placebo.count() >= MIN_PLACEBOS
        && placebo.pValue() > 0.05) {
      outcome = Outcome.NO_CLEAR_CHANGE;
      reason =
          WeatherReason.PLACEBO.text(
              "share",
              String.format(Locale.ROOT, "%.0f", placebo.pValue() * 100),
              "p",
              String.format(Locale.ROOT, "%.2f", placebo.pValue()));
    }
    return new WeatherAdjusted(
        METHOD_VERSION,
        cd,
        change(ea, ba),
        skill,
        placebo,
        mde,
        hourOfDay(during, pd),
        weatherSource,
        outcome,
        reason,
        training(in, train, days, fit.features()));
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  private static DayBootstrap bootstrap(
      List<Bau.Row> train,
      double[] predicted,
      Instant from,
      Instant to,
      BauInput in,
      BauSettings s) {
    Set<Integer> hours = new TreeSet<>();
    Set<LocalDate> days = new TreeSet<>();
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(3600)) {
      hours.add(t.atZone(in.zone()).getHour());
      days.add(t.atZone(in.zone()).toLocalDate());
    }
    return DayBootstrap.of(train, predicted, hours, days.size(), s.resamples(), s.seed());
  }

  /** The effect with the interval of the no-effect ratio: {@code (1 + e) / ratio − 1}. */
  static Change change(double e, DayBootstrap b) {
    if (!Double.isFinite(e)) {
      return NO_CHANGE;
    }
    if (!b.defined()) {
      return new Change(e * 100, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Change(
        e * 100, ((1 + e) / b.high() - 1) * 100, ((1 + e) / b.low() - 1) * 100, Double.NaN);
  }

  /**
   * The no-effect ratio's interval from the placebo effects, a split-conformal interval in time:
   * with n placebos, the k-th smallest and k-th largest ratio, k = ⌊0.025 (n + 1)⌋, which hold a
   * new no-effect ratio with probability (n + 1 − 2k) / (n + 1) ≥ 95 %. Below 39 placebos (k = 0)
   * no such pair exists: the interval then spans the smallest and largest placebo and the day-block
   * bootstrap {@code b} (the wider of the two on each side).
   */
  static DayBootstrap fromPlacebos(List<Double> placebos, DayBootstrap b) {
    double[] r = placebos.stream().mapToDouble(e -> 1 + e).sorted().toArray();
    int n = r.length;
    int k = (int) Math.floor(0.025 * (n + 1));
    if (k >= 1) {
      return new DayBootstrap(r[k - 1], r[n - k], n);
    }
    double low = r[0];
    double high = r[n - 1];
    if (b.defined()) {
      low = Math.min(low, b.low());
      high = Math.max(high, b.high());
    }
    return new DayBootstrap(low, high, n);
  }

  /**
   * The p-value of the real effect among the placebo effects and the interval's coverage of 0: each
   * placebo closure judged with the interval the real closure would get, from the other placebo
   * closures (leave one out) or, with fewer than {@link #MIN_PLACEBOS}, from the bootstrap.
   */
  static Placebo summarise(List<Double> placebos, double real, DayBootstrap b) {
    if (placebos.isEmpty()) {
      return Placebo.NONE;
    }
    double size = Math.abs(Math.log1p(real));
    int larger = 0;
    int covered = 0;
    List<Double> percents = new ArrayList<>();
    boolean conformal = placebos.size() >= MIN_PLACEBOS;
    for (int i = 0; i < placebos.size(); i++) {
      double e = placebos.get(i);
      larger += Math.abs(Math.log1p(e)) >= size ? 1 : 0;
      DayBootstrap judge = b;
      if (conformal) {
        List<Double> others = new ArrayList<>(placebos);
        others.remove(i);
        judge = fromPlacebos(others, b);
      }
      covered += judge.covers(e) ? 1 : 0;
      percents.add(e * 100);
    }
    int n = placebos.size();
    double coverage = conformal || b.defined() ? (double) covered / n : Double.NaN;
    return new Placebo(n, (1.0 + larger) / (1.0 + n), 1 - coverage, coverage, percents, List.of());
  }

  /**
   * The 95th percentile of the placebo effects' size on the log scale, as a percent increase;
   * without placebo closures, from the bootstrap interval.
   */
  static double minimumDetectable(List<Double> placebos, DayBootstrap b) {
    double q;
    if (placebos.size() >= 10) {
      double[] sizes = placebos.stream().mapToDouble(e -> Math.abs(Math.log1p(e))).toArray();
      Arrays.sort(sizes);
      q = DayBootstrap.quantile(sizes, 0.95);
    } else if (b.defined()) {
      q = Math.max(Math.abs(Math.log(b.low())), Math.abs(Math.log(b.high())));
    } else {
      return Double.NaN;
    }
    return Math.expm1(q) * 100;
  }

  static List<HourEffect> hourOfDay(List<Bau.Row> rows, double[] predicted) {
    TreeMap<Integer, double[]> byHour = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      double[] a = byHour.computeIfAbsent(rows.get(i).hour(), h -> new double[3]);
      a[0] += rows.get(i).obs();
      a[1] += predicted[i];
      a[2]++;
    }
    List<HourEffect> out = new ArrayList<>();
    byHour.forEach((h, a) -> out.add(new HourEffect(h, (a[0] / a[1] - 1) * 100, (int) a[2])));
    return out;
  }

  private static WeatherAdjusted.Training training(
      BauInput in, List<Bau.Row> train, int days, Features f) {
    return new WeatherAdjusted.Training(
        in.trainStart(),
        in.trainEnd(),
        days,
        train.size(),
        f == null ? List.of() : List.of(f.names()));
  }

  private static WeatherAdjusted insufficient(
      BauInput in, List<Bau.Row> train, int days, String source, String reason) {
    return new WeatherAdjusted(
        METHOD_VERSION,
        NO_CHANGE,
        NO_CHANGE,
        Skill.NONE,
        Placebo.NONE,
        Double.NaN,
        List.of(),
        source,
        Outcome.INSUFFICIENT_DATA,
        reason,
        training(in, train, days, null));
  }
}
