package io.airq.planner.impact.weather;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model's inputs for one hour: time (local hour of day, weekday, and with a training window of
 * a year or more day of year and a trend in days), weather (wind speed, wind direction as sine and
 * cosine, temperature, humidity, rain, pressure) and the log of the control group's hourly mean. A
 * column present in fewer than half of the training hours is left out; a missing value of a kept
 * column takes its training median.
 */
final class Features {
  static final String[] NAMES = {
    "hourOfDay",
    "weekday",
    "dayOfYear",
    "trend",
    "windSpeed",
    "windSin",
    "windCos",
    "temperature",
    "humidity",
    "rain",
    "pressure",
    "control"
  };
  static final int FIRST_WEATHER = 4;
  static final int CONTROL = 11;

  /** The shortest training window that uses day of year and trend: a year. */
  static final java.time.Duration DATED_WINDOW = java.time.Duration.ofDays(365);

  private final int[] columns;
  private final double[] medians;

  private Features(int[] columns, double[] medians) {
    this.columns = columns;
    this.medians = medians;
  }

  /** Every input of an hour, NaN where missing. */
  static double[] raw(BauInput in, Instant t) {
    double[] r = new double[NAMES.length];
    Arrays.fill(r, Double.NaN);
    ZonedDateTime z = t.atZone(in.zone());
    r[0] = z.getHour();
    r[1] = z.getDayOfWeek().getValue();
    if (dated(in)) {
      r[2] = z.getDayOfYear();
      r[3] = (t.getEpochSecond() - in.trainStart().getEpochSecond()) / 86400.0;
    }
    WeatherHour w = in.weather().get(t);
    if (w != null) {
      r[4] = w.windSpeed();
      if (Double.isFinite(w.windDir())) {
        r[5] = Math.sin(Math.toRadians(w.windDir()));
        r[6] = Math.cos(Math.toRadians(w.windDir()));
      }
      r[7] = w.temperature();
      r[8] = w.humidity();
      r[9] = w.rain();
      r[10] = w.pressure();
    }
    Double c = in.control().get(t);
    if (c != null) {
      r[CONTROL] = Math.log(Math.max(c, Bau.FLOOR));
    }
    return r;
  }

  /**
   * Whether the date inputs (day of year, trend) are used: only with a training window of at least
   * {@link #DATED_WINDOW}. In a shorter window trees turn them into a step function of the date
   * that learns each stretch of days' level, weather included, and predicts a closure after the
   * window with the level of its last days (docs/method.md, "Date inputs").
   */
  static boolean dated(BauInput in) {
    return !in.trainStart().plus(DATED_WINDOW).isAfter(in.trainEnd());
  }

  /** The columns kept for these training rows, and their medians. */
  static Features design(List<double[]> training) {
    List<Integer> kept = new ArrayList<>();
    List<Double> med = new ArrayList<>();
    for (int c = 0; c < NAMES.length; c++) {
      double[] v = new double[training.size()];
      int n = 0;
      for (double[] row : training) {
        if (Double.isFinite(row[c])) {
          v[n++] = row[c];
        }
      }
      if (n > 0 && n * 2 >= training.size()) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        kept.add(c);
        med.add(s[n / 2]);
      }
    }
    return new Features(
        kept.stream().mapToInt(Integer::intValue).toArray(),
        med.stream().mapToDouble(Double::doubleValue).toArray());
  }

  String[] names() {
    String[] n = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      n[i] = NAMES[columns[i]];
    }
    return n;
  }

  /** Whether any weather column is kept. */
  boolean hasWeather() {
    for (int c : columns) {
      if (c >= FIRST_WEATHER && c < CONTROL) {
        return true;
      }
    }
    return false;
  }

  double[] apply(double[] raw) {
    double[] x = new double[columns.length];
    for (int i = 0; i < columns.length; i++) {
      double v = raw[columns[i]];
      x[i] = Double.isFinite(v) ? v : medians[i];
    }
    return x;
  }
}
