package io.airq.core.registry;

/**
 * A per-sensor linear calibration, {@code corrected = slope * raw + intercept}, usually fitted
 * against a co-located reference monitor.
 *
 * @param slope multiplicative term
 * @param intercept additive term, in the quantity's canonical unit
 * @param id the calibration's id, carried with every value it corrects (e.g. {@code
 *     "colocation-2021-02"})
 */
public record LinearCalibration(double slope, double intercept, String id) {
  public LinearCalibration {
    if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
      throw new IllegalArgumentException("calibration terms must be finite");
    }
    id = id == null || id.isBlank() ? "linear" : id;
  }

  public double apply(double raw) {
    return slope * raw + intercept;
  }
}
