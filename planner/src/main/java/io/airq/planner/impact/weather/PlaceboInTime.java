package io.airq.planner.impact.weather;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the closure's during window back by whole days (so its local hours stay the same) to every
 * position inside the training window that does not overlap the real closure, refits without the
 * moved window each time ({@link BauSettings#checkRounds()} rounds), and measures the placebo
 * effect there. More positions than {@link BauSettings#maxPlacebos()} are thinned evenly.
 */
final class PlaceboInTime {
  /**
   * Placebo refits × training hours at most (but at least 20 refits): 60 refits up to 2,000
   * training hours (12 weeks), fewer beyond, so that a year of history stays within seconds.
   */
  static final int HOUR_BUDGET = 120_000;

  private PlaceboInTime() {}

  /** The placebo effects (ratio − 1), in time order. */
  static List<Double> effects(BauInput in, List<Bau.Row> train, double smear, BauSettings s) {
    List<Instant[]> windows = windows(in);
    List<Double> out = new ArrayList<>();
    long expected =
        Math.max(1, (in.duringEnd().getEpochSecond() - in.duringStart().getEpochSecond()) / 3600);
    int n = windows.size();
    int take = Math.min(n, Math.min(s.maxPlacebos(), Math.max(20, HOUR_BUDGET / train.size())));
    for (int k = 0; k < take; k++) {
      Instant[] w = windows.get(take == n ? k : (int) ((long) k * n / take));
      List<Bau.Row> fitOn = new ArrayList<>();
      List<Bau.Row> placebo = new ArrayList<>();
      for (Bau.Row r : train) {
        boolean inside = !r.t().isBefore(w[0]) && r.t().isBefore(w[1]);
        (inside ? placebo : fitOn).add(r);
      }
      if (placebo.size() * 2 < expected) {
        continue;
      }
      Bau.Fit fit = Bau.fit(fitOn, s.checkRounds(), s.seed() + 1000 + k);
      out.add(Bau.effect(placebo, fit.predict(placebo, smear)));
    }
    return out;
  }

  /** The during window moved back by 1, 2, … days while it stays after the training start. */
  static List<Instant[]> windows(BauInput in) {
    ZonedDateTime start = in.duringStart().atZone(in.zone());
    ZonedDateTime end = in.duringEnd().atZone(in.zone());
    List<Instant[]> out = new ArrayList<>();
    for (int k = 1; ; k++) {
      Instant ps = start.minusDays(k).toInstant();
      Instant pe = end.minusDays(k).toInstant();
      if (ps.isBefore(in.trainStart())) {
        break;
      }
      if (!pe.isAfter(in.duringStart()) && !pe.isAfter(in.trainEnd())) {
        out.add(0, new Instant[] {ps, pe});
      }
    }
    return out;
  }
}
