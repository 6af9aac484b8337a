package io.airq.planner.impact.weather;

/**
 * How well the model predicts held-out training days (concentration scale).
 *
 * @param r2 coefficient of determination, {@code 1 − SS_res / SS_tot}
 * @param rmse root mean square error, in the quantity's unit
 * @param nmb normalised mean bias, {@code Σ(predicted − observed) / Σ observed}
 * @param fac2 fraction of hours with predicted/observed between 0.5 and 2
 * @param hours how many held-out hours
 */
public record Skill(double r2, double rmse, double nmb, double fac2, int hours) {
  static final Skill NONE = new Skill(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

  static Skill of(double[] observed, double[] predicted) {
    int n = observed.length;
    if (n == 0) {
      return NONE;
    }
    double mean = 0;
    for (double o : observed) {
      mean += o;
    }
    mean /= n;
    double ssRes = 0;
    double ssTot = 0;
    double bias = 0;
    double sum = 0;
    int within = 0;
    for (int i = 0; i < n; i++) {
      double d = predicted[i] - observed[i];
      ssRes += d * d;
      ssTot += (observed[i] - mean) * (observed[i] - mean);
      bias += d;
      sum += observed[i];
      double ratio = predicted[i] / observed[i];
      if (observed[i] > 0 && ratio >= 0.5 && ratio <= 2) {
        within++;
      }
    }
    return new Skill(
        ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN,
        Math.sqrt(ssRes / n),
        sum > 0 ? bias / sum : Double.NaN,
        (double) within / n,
        n);
  }
}
