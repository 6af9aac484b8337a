package io.airq.streams.quality;

import io.airq.core.reading.Quantity;

/** Plausible physical range per quantity, in the quantity's canonical unit. */
public record PhysicalRange(double min, double max) {

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
    };
  }

  public boolean contains(double v) {
    return v >= min && v <= max;
  }
}
