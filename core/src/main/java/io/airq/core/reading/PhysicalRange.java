package io.airq.core.reading;

/**
 * Plausible physical range per quantity, in the quantity's canonical unit: [min, max], or [min,
 * max) when {@code maxIncluded} is false (a wind direction of 360° is written 0°).
 */
public record PhysicalRange(double min, double max, boolean maxIncluded) {

  public PhysicalRange(double min, double max) {
    this(min, max, true);
  }

  public static PhysicalRange of(Quantity q) {
    return switch (q) {
      case PM1, PM25, PM10 -> new PhysicalRange(0, 1000);
      case NO2, SO2 -> new PhysicalRange(0, 2000);
      case O3 -> new PhysicalRange(0, 1000);
      case CO -> new PhysicalRange(0, 100);
      case CO2 -> new PhysicalRange(250, 10000);
      case TEMPERATURE -> new PhysicalRange(-50, 70);
      case HUMIDITY -> new PhysicalRange(0, 100);
      case PRESSURE -> new PhysicalRange(300, 1100);
      case WIND_SPEED -> new PhysicalRange(0, 100);
      case WIND_DIR -> new PhysicalRange(0, 360, false);
      case RAIN -> new PhysicalRange(0, 500);
    };
  }

  public boolean contains(double v) {
    return v >= min && (maxIncluded ? v <= max : v < max);
  }

  /** The range as written in a QA flag, e.g. {@code [0.0, 360.0)}. */
  @Override
  public String toString() {
    return "[" + min + ", " + max + (maxIncluded ? "]" : ")");
  }
}
