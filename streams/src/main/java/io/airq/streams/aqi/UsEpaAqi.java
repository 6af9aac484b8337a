package io.airq.streams.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * US EPA AQI with the May 2024 breakpoints (PM2.5 revision of 2024-02-07, effective 2024-05-06).
 * Concentrations in the table's units (µg/m³ for PM, ppm for O3 and CO, ppb for NO2 and SO2),
 * truncated to the table's precision before the lookup, index rounded half up. Outside the table
 * (negative or above the last breakpoint) there is no index.
 */
public final class UsEpaAqi {
  public static final String ID = "us-epa-2024";

  /** Pollutant and averaging period, as named in the EPA tables. */
  public enum Pollutant {
    PM25_24H(1),
    PM10_24H(0),
    O3_8H(3),
    O3_1H(3),
    CO_8H(1),
    SO2_1H(0),
    SO2_24H(0),
    NO2_1H(0);

    private final int decimals;

    Pollutant(int decimals) {
      this.decimals = decimals;
    }
  }

  private static final Map<Pollutant, List<Breakpoint>> TABLES =
      Map.of(
          Pollutant.PM25_24H,
          List.of(
              new Breakpoint(0.0, 9.0, 0, 50),
              new Breakpoint(9.1, 35.4, 51, 100),
              new Breakpoint(35.5, 55.4, 101, 150),
              new Breakpoint(55.5, 125.4, 151, 200),
              new Breakpoint(125.5, 225.4, 201, 300),
              new Breakpoint(225.5, 325.4, 301, 500)),
          Pollutant.PM10_24H,
          List.of(
              new Breakpoint(0, 54, 0, 50),
              new Breakpoint(55, 154, 51, 100),
              new Breakpoint(155, 254, 101, 150),
              new Breakpoint(255, 354, 151, 200),
              new Breakpoint(355, 424, 201, 300),
              new Breakpoint(425, 604, 301, 500)),
          Pollutant.O3_8H,
          List.of(
              new Breakpoint(0.000, 0.054, 0, 50),
              new Breakpoint(0.055, 0.070, 51, 100),
              new Breakpoint(0.071, 0.085, 101, 150),
              new Breakpoint(0.086, 0.105, 151, 200),
              new Breakpoint(0.106, 0.200, 201, 300)),
          Pollutant.O3_1H,
          List.of(
              new Breakpoint(0.125, 0.164, 101, 150),
              new Breakpoint(0.165, 0.204, 151, 200),
              new Breakpoint(0.205, 0.404, 201, 300),
              new Breakpoint(0.405, 0.604, 301, 500)),
          Pollutant.CO_8H,
          List.of(
              new Breakpoint(0.0, 4.4, 0, 50),
              new Breakpoint(4.5, 9.4, 51, 100),
              new Breakpoint(9.5, 12.4, 101, 150),
              new Breakpoint(12.5, 15.4, 151, 200),
              new Breakpoint(15.5, 30.4, 201, 300),
              new Breakpoint(30.5, 50.4, 301, 500)),
          Pollutant.SO2_1H,
          List.of(
              new Breakpoint(0, 35, 0, 50),
              new Breakpoint(36, 75, 51, 100),
              new Breakpoint(76, 185, 101, 150),
              new Breakpoint(186, 304, 151, 200)),
          // EPA: 1-hour SO2 values do not define AQI values of 200 or more; those come from the
          // 24-hour mean
          Pollutant.SO2_24H,
          List.of(new Breakpoint(305, 604, 201, 300), new Breakpoint(605, 1004, 301, 500)),
          Pollutant.NO2_1H,
          List.of(
              new Breakpoint(0, 53, 0, 50),
              new Breakpoint(54, 100, 51, 100),
              new Breakpoint(101, 360, 101, 150),
              new Breakpoint(361, 649, 151, 200),
              new Breakpoint(650, 1249, 201, 300),
              new Breakpoint(1250, 2049, 301, 500)));

  private UsEpaAqi() {}

  public static OptionalInt index(Pollutant p, double concentration) {
    if (!Double.isFinite(concentration) || concentration < 0) {
      return OptionalInt.empty();
    }
    double c =
        BigDecimal.valueOf(concentration).setScale(p.decimals, RoundingMode.DOWN).doubleValue();
    for (Breakpoint b : TABLES.get(p)) {
      if (c >= b.cLow() && c <= b.cHigh()) {
        BigDecimal i = BigDecimal.valueOf(b.interpolate(c)).setScale(6, RoundingMode.HALF_UP);
        return OptionalInt.of(i.setScale(0, RoundingMode.HALF_UP).intValue());
      }
    }
    return OptionalInt.empty();
  }
}
