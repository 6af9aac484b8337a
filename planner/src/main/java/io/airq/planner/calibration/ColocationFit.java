package io.airq.planner.calibration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The co-location fit: a low-cost sensor's hourly raw means paired with a reference's hourly means,
 * split into training and test hours, the linear correction {@code corrected = slope × raw +
 * intercept} fitted by ordinary least squares of the reference on the raw means over the training
 * hours, and the test hours' error before (raw) and after (corrected) it.
 */
public final class ColocationFit {
  private ColocationFit() {}

  /** One co-located hour: the sensor's raw mean and the reference's mean. */
  public record Pair(Instant hour, double sensor, double reference) {}

  /** How the paired hours are split into training and test. */
  public enum Split {
    /** every second UTC day (the 2nd, 4th, … with a pair) is held out; needs two days or more */
    DAY,
    /** hours starting at an odd UTC hour are held out (for a co-location of a single day) */
    HOUR
  }

  /**
   * Agreement of values with the reference over some hours.
   *
   * @param n the hours
   * @param rmse root-mean-square error
   * @param mae mean absolute error
   * @param bias mean of value − reference
   * @param r2 coefficient of determination of the reference by the values, 1 − Σ(value −
   *     ref)²/Σ(ref − mean ref)²; negative when the values are worse than the reference's mean
   */
  public record Agreement(int n, double rmse, double mae, double bias, double r2) {}

  /**
   * The fit and how it does.
   *
   * @param train the training hours' agreement after correction (its r2 is the fit's R²)
   * @param before the test hours' agreement of the raw means
   * @param after the test hours' agreement of the corrected means
   */
  public record Result(
      double slope, double intercept, Agreement train, Agreement before, Agreement after) {}

  /** Whether the pair's hour is held out for testing. */
  static boolean heldOut(Pair p, Split split, List<Instant> days) {
    if (split == Split.HOUR) {
      return p.hour().atOffset(ZoneOffset.UTC).getHour() % 2 == 1;
    }
    return days.indexOf(p.hour().truncatedTo(ChronoUnit.DAYS)) % 2 == 1;
  }

  /**
   * Fits and tests.
   *
   * @throws IllegalArgumentException when the pairs cannot give a fit: fewer than 3 training hours
   *     or no test hour, a single day split by day, or raw means that do not vary
   */
  public static Result fit(List<Pair> pairs, Split split) {
    List<Instant> days =
        new ArrayList<>(
            new TreeSet<>(pairs.stream().map(p -> p.hour().truncatedTo(ChronoUnit.DAYS)).toList()));
    if (split == Split.DAY && days.size() < 2) {
      throw new IllegalArgumentException(
          "the co-located hours fall on one day: split by hour (--split hour) or co-locate longer");
    }
    List<Pair> train = new ArrayList<>();
    List<Pair> test = new ArrayList<>();
    for (Pair p : pairs) {
      (heldOut(p, split, days) ? test : train).add(p);
    }
    if (train.size() < 3 || test.isEmpty()) {
      throw new IllegalArgumentException(
          "too few co-located hours: "
              + train.size()
              + " to fit (3 needed) and "
              + test.size()
              + " to test (1 needed)");
    }
    double mx = 0;
    double my = 0;
    for (Pair p : train) {
      mx += p.sensor();
      my += p.reference();
    }
    mx /= train.size();
    my /= train.size();
    double sxy = 0;
    double sxx = 0;
    for (Pair p : train) {
      sxy += (p.sensor() - mx) * (p.reference() - my);
      sxx += (p.sensor() - mx) * (p.sensor() - mx);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("the sensor's raw means do not vary: no slope to fit");
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    return new Result(
        slope,
        intercept,
        agreement(train, slope, intercept),
        agreement(test, 1, 0),
        agreement(test, slope, intercept));
  }

  /** The agreement of {@code slope × sensor + intercept} with the reference over these pairs. */
  static Agreement agreement(List<Pair> pairs, double slope, double intercept) {
    double meanRef = pairs.stream().mapToDouble(Pair::reference).average().orElse(0);
    double se = 0;
    double ae = 0;
    double bias = 0;
    double tot = 0;
    for (Pair p : pairs) {
      double d = slope * p.sensor() + intercept - p.reference();
      se += d * d;
      ae += Math.abs(d);
      bias += d;
      tot += (p.reference() - meanRef) * (p.reference() - meanRef);
    }
    int n = pairs.size();
    return new Agreement(
        n, Math.sqrt(se / n), ae / n, bias / n, tot == 0 ? Double.NaN : 1 - se / tot);
  }
}
