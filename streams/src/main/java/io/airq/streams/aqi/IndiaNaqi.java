package io.airq.streams.aqi;

import io.airq.core.reading.Quantity;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * India National AQI (CPCB 2014) sub-index for 24-hour PM2.5, PM10 and NO2 in µg/m³. The open top
 * band is closed at the concentration CPCB calculators use (PM2.5 380, PM10 510, NO2 520) and
 * capped at 500.
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
              new Breakpoint(400, 520, 400, 500)));

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
