package io.airq.core.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;

/**
 * A per-sensor linear calibration, {@code corrected = slope * raw + intercept}, usually fitted
 * against a co-located reference monitor.
 *
 * @param slope multiplicative term
 * @param intercept additive term, in the quantity's canonical unit
 * @param id the calibration's version id, carried with every value it corrects (e.g. {@code
 *     "colocation-2021-02"})
 * @param from when this version applies from; null when it was not recorded (older entries)
 */
public record LinearCalibration(double slope, double intercept, String id, Instant from) {
  @JsonCreator
  public LinearCalibration {
    if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
      throw new IllegalArgumentException("calibration terms must be finite");
    }
    id = id == null || id.isBlank() ? "linear" : id;
  }

  /** A calibration without a recorded start. */
  public LinearCalibration(double slope, double intercept, String id) {
    this(slope, intercept, id, null);
  }

  public double apply(double raw) {
    return slope * raw + intercept;
  }
}
