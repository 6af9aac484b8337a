package io.airq.planner.impact.weather;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The business-as-usual model's building blocks: hours as rows, a fit, its predictions. */
final class Bau {
  /** Hourly means are floored here before the log (a ratio needs positive values). */
  static final double FLOOR = 0.1;

  private Bau() {}

  /** One valid group-hour with its inputs. */
  record Row(Instant t, LocalDate day, int hour, double obs, double[] raw) {
    double y() {
      return Math.log(Math.max(obs, FLOOR));
    }
  }

  /** The observed hours that pass {@code which}, in time order. */
  static List<Row> rows(BauInput in, Predicate<Instant> which) {
    List<Row> out = new ArrayList<>();
    for (Map.Entry<Instant, Double> e : in.observed().entrySet()) {
      Instant t = e.getKey();
      if (which.test(t) && Double.isFinite(e.getValue())) {
        ZonedDateTime z = t.atZone(in.zone());
        out.add(new Row(t, z.toLocalDate(), z.getHour(), e.getValue(), Features.raw(in, t)));
      }
    }
    return out;
  }

  /** A fitted model: its inputs and forest. */
  record Fit(Features features, BoostedTrees trees) {
    /** Predictions on the log scale. */
    double[] logPredict(List<Row> rows) {
      List<double[]> x = new ArrayList<>(rows.size());
      rows.forEach(r -> x.add(features.apply(r.raw())));
      return trees.predict(x);
    }

    /** Predictions as concentrations: exp of the log prediction times the smearing factor. */
    double[] predict(List<Row> rows, double smear) {
      double[] p = logPredict(rows);
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp(p[i]) * smear;
      }
      return p;
    }
  }

  static Fit fit(List<Row> train, int rounds, long seed) {
    List<double[]> raw = new ArrayList<>(train.size());
    train.forEach(r -> raw.add(r.raw()));
    Features f = Features.design(raw);
    List<double[]> x = new ArrayList<>(train.size());
    double[] y = new double[train.size()];
    for (int i = 0; i < train.size(); i++) {
      x.add(f.apply(train.get(i).raw()));
      y[i] = train.get(i).y();
    }
    return new Fit(f, BoostedTrees.fit(f.names(), x, y, rounds, seed));
  }

  /** {@code Σ observed / Σ predicted − 1}, NaN without hours. */
  static double effect(List<Row> rows, double[] predicted) {
    double o = 0;
    double p = 0;
    for (int i = 0; i < rows.size(); i++) {
      o += rows.get(i).obs();
      p += predicted[i];
    }
    return rows.isEmpty() || !(p > 0) ? Double.NaN : o / p - 1;
  }
}
