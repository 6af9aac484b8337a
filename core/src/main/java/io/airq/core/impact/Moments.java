package io.airq.core.impact;

/**
 * Count, sum and sum of squares of a set of values: enough for a mean and a variance, and
 * mergeable.
 */
public record Moments(long count, double sum, double sumSquares) {
  public static final Moments EMPTY = new Moments(0, 0, 0);

  public Moments add(double x) {
    return new Moments(count + 1, sum + x, sumSquares + x * x);
  }

  public Moments subtract(double x) {
    return new Moments(count - 1, sum - x, sumSquares - x * x);
  }

  public Moments merge(Moments o) {
    return new Moments(count + o.count, sum + o.sum, sumSquares + o.sumSquares);
  }

  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** The sample variance (n − 1), NaN below two values. */
  public double variance() {
    if (count < 2) {
      return Double.NaN;
    }
    double v = (sumSquares - sum * sum / count) / (count - 1);
    return Math.max(0, v);
  }
}
