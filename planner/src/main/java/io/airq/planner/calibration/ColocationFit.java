package io.airq.planner.calibration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The co-location fit: a low-cost sensor's hourly raw means paired with a reference's hourly means,
 * split into training and test hours, the linear correction {@code corrected = slope × raw +
 * intercept} fitted by ordinary least squares of the reference on the raw means over the training
 * hours, and the test hours' error before (raw) and after (corrected) it; when the sensor has
 * humidity, also the humidity-aware fit {@code slope × raw + humidity × RH + intercept}.
 */
public final class ColocationFit {
  private ColocationFit() {}

  /**
   * One co-located hour: the sensor's raw mean, the reference's mean, and the sensor's humidity
   * mean (%; null when it has none that hour).
   */
  public record Pair(Instant hour, double sensor, double reference, Double humidity) {
    public Pair(Instant hour, double sensor, double reference) {
      this(hour, sensor, reference, null);
    }
  }

  /**
   * The humidity-aware fit {@code corrected = slope × raw + humidity × RH + intercept} (the form of
   * the US EPA PurpleAir correction) over the pairs that have a humidity.
   *
   * @param before the test hours' agreement of the raw means (those test hours with a humidity)
   * @param after the test hours' agreement of the corrected means
   */
  public record HumidityResult(
      double slope,
      double humidity,
      double intercept,
      Agreement train,
      Agreement before,
      Agreement after) {}

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
    List<Instant> days = days(pairs);
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

  /**
   * The humidity-aware fit over the pairs with a humidity, split as {@link #fit} splits; empty when
   * fewer than 4 of them are training hours, none is a test hour, or raw and humidity do not vary
   * independently.
   */
  public static Optional<HumidityResult> fitWithHumidity(List<Pair> pairs, Split split) {
    List<Pair> withRh = pairs.stream().filter(p -> p.humidity() != null).toList();
    List<Instant> days = days(pairs);
    List<Pair> train = new ArrayList<>();
    List<Pair> test = new ArrayList<>();
    for (Pair p : withRh) {
      (heldOut(p, split, days) ? test : train).add(p);
    }
    if (train.size() < 4 || test.isEmpty()) {
      return Optional.empty();
    }
    // normal equations of reference = a raw + b RH + c
    double[][] m = new double[3][4];
    for (Pair p : train) {
      double[] x = {p.sensor(), p.humidity(), 1};
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          m[i][j] += x[i] * x[j];
        }
        m[i][3] += x[i] * p.reference();
      }
    }
    double[] abc = solve(m);
    if (abc == null) {
      return Optional.empty();
    }
    ToDoubleFunction<Pair> corrected = p -> abc[0] * p.sensor() + abc[1] * p.humidity() + abc[2];
    return Optional.of(
        new HumidityResult(
            abc[0],
            abc[1],
            abc[2],
            agreement(train, corrected),
            agreement(test, Pair::sensor),
            agreement(test, corrected)));
  }

  /** Gaussian elimination with partial pivoting of a 3×4 augmented matrix; null when singular. */
  private static double[] solve(double[][] m) {
    int n = 3;
    double scale = Math.max(Math.abs(m[0][0]), Math.max(Math.abs(m[1][1]), Math.abs(m[2][2])));
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      if (Math.abs(m[c][c]) <= 1e-12 * scale) {
        return null;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= n; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
  }

  private static List<Instant> days(List<Pair> pairs) {
    return new ArrayList<>(
        new TreeSet<>(pairs.stream().map(p -> p.hour().truncatedTo(ChronoUnit.DAYS)).toList()));
  }

  /** The agreement of {@code slope × sensor + intercept} with the reference over these pairs. */
  static Agreement agreement(List<Pair> pairs, double slope, double intercept) {
    return agreement(pairs, p -> slope * p.sensor() + intercept);
  }

  /** The agreement of {@code value} with the reference over these pairs. */
  static Agreement agreement(List<Pair> pairs, ToDoubleFunction<Pair> value) {
    double meanRef = pairs.stream().mapToDouble(Pair::reference).average().orElse(0);
    double se = 0;
    double ae = 0;
    double bias = 0;
    double tot = 0;
    for (Pair p : pairs) {
      double d = value.applyAsDouble(p) - p.reference();
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
