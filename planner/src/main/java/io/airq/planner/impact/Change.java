package io.airq.planner.impact;

import java.util.ArrayList;
import java.util.List;

/**
 * A relative change in percent with its 95 % confidence interval (method airq-impact-1.1, see
 * docs/method.md): the ratio of phase means, its uncertainty on the log scale by the delta method
 * from the day-to-day variability of daily means, and a t quantile with Welch–Satterthwaite degrees
 * of freedom.
 *
 * @param percent the point estimate, e.g. −48.0 for a 48 % decrease (NaN when undefined)
 * @param lowPercent lower 95 % bound
 * @param highPercent upper 95 % bound
 * @param degreesOfFreedom the t distribution's degrees of freedom (NaN when no interval)
 */
public record Change(
    double percent, double lowPercent, double highPercent, double degreesOfFreedom) {

  static final Change UNDEFINED = new Change(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public boolean hasInterval() {
    return Double.isFinite(lowPercent) && Double.isFinite(highPercent);
  }

  /** The outcome this change supports on its own (no coverage gate applied). */
  public Outcome outcome() {
    if (!hasInterval()) {
      return Outcome.INSUFFICIENT_DATA;
    }
    if (highPercent < 0) {
      return Outcome.CLEAR_DECREASE;
    }
    if (lowPercent > 0) {
      return Outcome.CLEAR_INCREASE;
    }
    return Outcome.NO_CLEAR_CHANGE;
  }

  /** {@code phase / baseline − 1}, e.g. during vs before. */
  public static Change of(PhaseStats phase, PhaseStats baseline) {
    if (phase.isEmpty() || baseline.isEmpty() || !(baseline.mean() > 0) || !(phase.mean() > 0)) {
      return UNDEFINED;
    }
    double logRatio = Math.log(phase.mean() / baseline.mean());
    List<double[]> components = new ArrayList<>();
    if (!pair(phase, baseline, components)) {
      return new Change(percent(logRatio), Double.NaN, Double.NaN, Double.NaN);
    }
    return interval(logRatio, components);
  }

  /**
   * Difference in differences as a ratio of ratios: {@code (T_during/T_before) /
   * (C_during/C_before) − 1}.
   */
  public static Change differenceInDifferences(
      PhaseStats treatedPhase,
      PhaseStats treatedBaseline,
      PhaseStats controlPhase,
      PhaseStats controlBaseline) {
    for (PhaseStats p : List.of(treatedPhase, treatedBaseline, controlPhase, controlBaseline)) {
      if (p.isEmpty() || !(p.mean() > 0)) {
        return UNDEFINED;
      }
    }
    double logRatio =
        Math.log(treatedPhase.mean() / treatedBaseline.mean())
            - Math.log(controlPhase.mean() / controlBaseline.mean());
    List<double[]> components = new ArrayList<>();
    if (!pair(treatedPhase, treatedBaseline, components)
        || !pair(controlPhase, controlBaseline, components)) {
      return new Change(percent(logRatio), Double.NaN, Double.NaN, Double.NaN);
    }
    return interval(logRatio, components);
  }

  /**
   * Adds the log-scale variance components {value, degrees of freedom} of two phases. A phase with
   * a single day borrows the other phase's day-to-day standard deviation (equal variance assumed).
   * False when neither phase has two days.
   */
  private static boolean pair(PhaseStats a, PhaseStats b, List<double[]> out) {
    boolean aOwn = a.days() >= 2;
    boolean bOwn = b.days() >= 2;
    if (aOwn && bOwn) {
      out.add(new double[] {term(a.dailyMeanSd(), a), a.days() - 1});
      out.add(new double[] {term(b.dailyMeanSd(), b), b.days() - 1});
      return true;
    }
    if (!aOwn && !bOwn) {
      return false;
    }
    PhaseStats source = aOwn ? a : b;
    double sd = source.dailyMeanSd();
    out.add(new double[] {term(sd, a) + term(sd, b), source.days() - 1});
    return true;
  }

  private static double term(double sd, PhaseStats p) {
    return sd * sd / (p.days() * p.mean() * p.mean());
  }

  private static Change interval(double logRatio, List<double[]> components) {
    double var = 0;
    double denom = 0;
    for (double[] c : components) {
      var += c[0];
      denom += c[0] * c[0] / c[1];
    }
    double df = denom == 0 ? Double.POSITIVE_INFINITY : var * var / denom;
    double t = Double.isInfinite(df) ? 1.959963984540054 : StudentT.quantile(0.975, df);
    double half = t * Math.sqrt(var);
    return new Change(percent(logRatio), percent(logRatio - half), percent(logRatio + half), df);
  }

  private static double percent(double logRatio) {
    return (Math.exp(logRatio) - 1) * 100;
  }
}
