package io.airq.planner.impact.weather;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cross-validation blocked by day: the training days are cut into {@code folds} runs of consecutive
 * days; each run is predicted by a model fitted on the others. Hours within a day are strongly
 * correlated, so a random split of hours would flatter the model.
 */
final class HeldOutDays {
  private HeldOutDays() {}

  /** Out-of-fold predictions on the log scale, aligned with {@code train}. */
  static double[] logPredictions(List<Bau.Row> train, BauSettings s) {
    List<LocalDate> days =
        new ArrayList<>(new TreeSet<>(train.stream().map(Bau.Row::day).toList()));
    int folds = Math.min(s.folds(), days.size());
    double[] out = new double[train.size()];
    for (int f = 0; f < folds; f++) {
      LocalDate first = days.get(f * days.size() / folds);
      LocalDate last = days.get((f + 1) * days.size() / folds - 1);
      List<Bau.Row> fitOn = new ArrayList<>();
      List<Bau.Row> held = new ArrayList<>();
      List<Integer> heldIndex = new ArrayList<>();
      for (int i = 0; i < train.size(); i++) {
        Bau.Row r = train.get(i);
        if (r.day().isBefore(first) || r.day().isAfter(last)) {
          fitOn.add(r);
        } else {
          held.add(r);
          heldIndex.add(i);
        }
      }
      double[] p = Bau.fit(fitOn, s.checkRounds(), s.seed() + f).logPredict(held);
      for (int i = 0; i < p.length; i++) {
        out[heldIndex.get(i)] = p[i];
      }
    }
    return out;
  }

  /** Duan's smearing factor from the held-out residuals: the mean of exp(residual). */
  static double smear(List<Bau.Row> train, double[] logPredicted) {
    double s = 0;
    for (int i = 0; i < train.size(); i++) {
      s += Math.exp(train.get(i).y() - logPredicted[i]);
    }
    return train.isEmpty() ? 1 : s / train.size();
  }
}
