package io.airq.simulator.truth;

import java.util.List;

/**
 * How far PM2.5 readings are from the physical truth, over the valid readings sent (stuck, spiked
 * and skewed ones left out): as sent, and after a perfect correction (docs/simulator.md, "Ground
 * truth"). The second is the floor no correction without a collocated reference can beat on
 * average: the units' own bias and the noise remain.
 *
 * @param readings how many readings the figures are over
 * @param raw error of the PM2.5 as the pipeline takes it from the payload (channel mean or A)
 * @param perfectCorrection error of what a correction knowing the error model recovers
 */
public record Accuracy(long readings, Error raw, Error perfectCorrection) {

  /**
   * @param rmse root mean square of (value − truth), µg/m³
   * @param bias mean of (value − truth), µg/m³
   */
  public record Error(double rmse, double bias) {
    /** The error of {@code values} against {@code truths} (same order). */
    public static Error of(List<Double> values, List<Double> truths) {
      if (values.size() != truths.size()) {
        throw new IllegalArgumentException("values and truths differ in length");
      }
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < values.size(); i++) {
        double d = values.get(i) - truths.get(i);
        sum += d;
        squares += d * d;
      }
      int n = Math.max(1, values.size());
      return new Error(Math.sqrt(squares / n), sum / n);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "RMSE %.2f, bias %+.2f µg/m³", rmse, bias);
    }
  }
}
