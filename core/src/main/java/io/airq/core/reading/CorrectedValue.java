package io.airq.core.reading;

/**
 * A value after correction, with the raw value beside it and the id of the correction that made it.
 *
 * @param raw the value as measured, canonical unit
 * @param value the corrected value; equals raw when {@code correction} is {@code "none"}
 * @param correction the correction id, e.g. {@code "us-epa-2021-ext2022"} or a calibration id
 */
public record CorrectedValue(double raw, double value, String correction) {
  public static final String NONE = "none";

  public CorrectedValue {
    correction = correction == null || correction.isBlank() ? NONE : correction;
  }

  public static CorrectedValue uncorrected(double raw) {
    return new CorrectedValue(raw, raw, NONE);
  }
}
