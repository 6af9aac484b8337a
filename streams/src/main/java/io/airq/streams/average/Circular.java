package io.airq.streams.average;

/**
 * The mean of angles in degrees (wind direction) as the direction of the mean unit vector: each
 * value counts once, whatever the wind speed. 350° and 10° average to 0°, not 180°. Pure.
 *
 * <p>An accumulator of a circular quantity keeps the sums of the sines and cosines of its values
 * where other quantities keep their sums ({@link Accumulator}, {@link AreaStats}).
 */
final class Circular {
  /**
   * Below this length of the mean unit vector (1 for identical directions, 0 when they cancel, as
   * 90° and 270° do) the directions have no mean.
   */
  static final double MIN_RESULTANT = 1e-6;

  private Circular() {}

  static double sin(double degrees) {
    return Math.sin(Math.toRadians(degrees));
  }

  static double cos(double degrees) {
    return Math.cos(Math.toRadians(degrees));
  }

  /**
   * The mean direction in [0, 360) of {@code n} angles whose sines and cosines sum to {@code
   * sinSum} and {@code cosSum}; NaN when they cancel out (no mean direction).
   */
  static double meanDegrees(double sinSum, double cosSum, double n) {
    if (n <= 0 || Math.hypot(sinSum, cosSum) < MIN_RESULTANT * n) {
      return Double.NaN;
    }
    double d = Math.toDegrees(Math.atan2(sinSum, cosSum));
    if (d < 0) {
      d += 360;
    }
    // atan2 of a tiny negative sine rounds to 360.0 after the shift
    return d >= 360 ? 0 : d;
  }
}
