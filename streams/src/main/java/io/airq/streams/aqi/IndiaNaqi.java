package io.airq.streams.aqi;

import io.airq.core.reading.Quantity;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * India National AQI (CPCB 2014) sub-index for 24-hour PM2.5, PM10, NO2 and SO2 in µg/m³, and
 * 8-hour O3 (µg/m³) and CO (mg/m³). The open top band is closed at the concentration CPCB
 * calculators use (PM2.5 380, PM10 510, NO2 520, SO2 2100) and capped at 500.
 */
public final class IndiaNaqi {
  public static final String ID = "in-naqi-2014";

  private static final Map<Quantity, List<Breakpoint>> TABLES =
      Map.of(
          Quantity.PM25,
          List.of(
              new Breakpoint(0, 30, 0, 50),
              new Breakpoint(30, 60, 50, 100),
              new Breakpoint(60, 90, 100, 200),
              new Breakpoint(90, 120, 200, 300),
              new Breakpoint(120, 250, 300, 400),
              new Breakpoint(250, 380, 400, 500)),
          Quantity.PM10,
          List.of(
              new Breakpoint(0, 50, 0, 50),
              new Breakpoint(50, 100, 50, 100),
              new Breakpoint(100, 250, 100, 200),
              new Breakpoint(250, 350, 200, 300),
              new Breakpoint(350, 430, 300, 400),
              new Breakpoint(430, 510, 400, 500)),
          Quantity.NO2,
          List.of(
              new Breakpoint(0, 40, 0, 50),
              new Breakpoint(40, 80, 50, 100),
              new Breakpoint(80, 180, 100, 200),
              new Breakpoint(180, 280, 200, 300),
              new Breakpoint(280, 400, 300, 400),
              new Breakpoint(400, 520, 400, 500)),
          Quantity.SO2,
          List.of(
              new Breakpoint(0, 40, 0, 50),
              new Breakpoint(40, 80, 50, 100),
              new Breakpoint(80, 380, 100, 200),
              new Breakpoint(380, 800, 200, 300),
              new Breakpoint(800, 1600, 300, 400),
              new Breakpoint(1600, 2100, 400, 500)));

  /**
   * The 8-hour tables: CO in mg/m³ (CPCB's open top band, "34+", closed at 50 mg/m³ as common
   * calculators do, above it 500; docs/quality.md), O3 in µg/m³ up to 208 (above it CPCB rates O3
   * on 1-hour values, 209-748 very poor, which airq does not: no sub-index).
   */
  private static final Map<Quantity, List<Breakpoint>> EIGHT_HOUR_TABLES =
      Map.of(
          Quantity.CO,
          List.of(
              new Breakpoint(0, 1, 0, 50),
              new Breakpoint(1, 2, 50, 100),
              new Breakpoint(2, 10, 100, 200),
              new Breakpoint(10, 17, 200, 300),
              new Breakpoint(17, 34, 300, 400),
              new Breakpoint(34, 50, 400, 500)),
          Quantity.O3,
          List.of(
              new Breakpoint(0, 50, 0, 50),
              new Breakpoint(50, 100, 50, 100),
              new Breakpoint(100, 168, 100, 200),
              new Breakpoint(168, 208, 200, 300)));

  /** CPCB's category names, by the upper sub-index of each. */
  private static final int[] UPPER = {50, 100, 200, 300, 400, 500};

  private static final String[] NAMES = {
    "Good", "Satisfactory", "Moderate", "Poor", "Very Poor", "Severe"
  };

  /** CPCB's minimum data rule: a 24-hour sub-index needs values in at least 16 of the hours. */
  public static final int MIN_HOURS = 16;

  /** CPCB's name of a sub-index or index value. */
  public static String category(int value) {
    for (int i = 0; i < UPPER.length; i++) {
      if (value <= UPPER[i]) {
        return NAMES[i];
      }
    }
    return NAMES[NAMES.length - 1];
  }

  /** Whether {@code q} has a 24-hour table here (PM2.5, PM10, NO2, SO2). */
  public static boolean covers(Quantity q) {
    return TABLES.containsKey(q);
  }

  /** Whether {@code q} has an 8-hour table here (O3, CO). */
  public static boolean coversEightHour(Quantity q) {
    return EIGHT_HOUR_TABLES.containsKey(q);
  }

  /**
   * The sub-index of an 8-hour mean of O3 (µg/m³) or CO (mg/m³); empty for O3 above 208 µg/m³
   * (CPCB's 1-hour range) and for other quantities.
   */
  public static OptionalInt eightHourSubIndex(Quantity q, double concentration) {
    List<Breakpoint> t = EIGHT_HOUR_TABLES.get(q);
    if (t == null || !Double.isFinite(concentration) || concentration < 0) {
      return OptionalInt.empty();
    }
    for (Breakpoint b : t) {
      if (concentration <= b.cHigh()) {
        return OptionalInt.of((int) Math.round(b.interpolate(concentration)));
      }
    }
    return q == Quantity.CO ? OptionalInt.of(500) : OptionalInt.empty();
  }

  private IndiaNaqi() {}

  public static OptionalInt subIndex(Quantity q, double concentration) {
    List<Breakpoint> t = TABLES.get(q);
    if (t == null || !Double.isFinite(concentration) || concentration < 0) {
      return OptionalInt.empty();
    }
    for (Breakpoint b : t) {
      if (concentration <= b.cHigh()) {
        return OptionalInt.of((int) Math.round(b.interpolate(concentration)));
      }
    }
    return OptionalInt.of(500);
  }
}
