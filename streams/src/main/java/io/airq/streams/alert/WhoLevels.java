package io.airq.streams.alert;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import java.util.List;

/**
 * The WHO 2021 global air quality guideline levels and interim targets of the short averaging times
 * airq has windows for (docs/quality.md, "Alerts"): PM2.5 and PM10 on 24 hours (the rolling 24
 * hours and the local calendar day), NO2 on 24 hours and 1 hour. No level is defined for 1-hour PM
 * (WHO gives none). Pure.
 */
public final class WhoLevels {
  public static final String GUIDELINE = "who-2021";

  /** One level: its name and concentration (µg/m³); a mean above it exceeds it. */
  public record Level(String name, double concentration) {}

  private static final List<Level> PM25_24H = levels(new double[] {75, 50, 37.5, 25}, 15);
  private static final List<Level> PM10_24H = levels(new double[] {150, 100, 75, 50}, 45);
  private static final List<Level> NO2_24H = levels(new double[] {120, 50}, 25);
  private static final List<Level> NO2_1H = List.of(new Level("guideline", 200));

  private WhoLevels() {}

  /** Interim targets 1, 2, ... (highest concentration first), then the guideline level. */
  private static List<Level> levels(double[] interimTargets, double guideline) {
    Level[] out = new Level[interimTargets.length + 1];
    for (int i = 0; i < interimTargets.length; i++) {
      out[i] = new Level("interim-target-" + (i + 1), interimTargets[i]);
    }
    out[interimTargets.length] = new Level("guideline", guideline);
    return List.of(out);
  }

  /** The levels of a quantity on a window, highest concentration first; empty when none. */
  public static List<Level> of(Quantity q, AverageWindow w) {
    return switch (w) {
      case DAY_ROLLING, DAY ->
          switch (q) {
            case PM25 -> PM25_24H;
            case PM10 -> PM10_24H;
            case NO2 -> NO2_24H;
            default -> List.of();
          };
      case HOUR -> q == Quantity.NO2 ? NO2_1H : List.of();
      default -> List.of();
    };
  }

  /** The highest level {@code mean} is above, or null when it is above none. */
  public static Level exceeded(Quantity q, AverageWindow w, double mean) {
    for (Level l : of(q, w)) {
      if (mean > l.concentration()) {
        return l;
      }
    }
    return null;
  }

  /** The guideline level (the lowest), or null when the window has no levels. */
  public static Level guideline(Quantity q, AverageWindow w) {
    List<Level> l = of(q, w);
    return l.isEmpty() ? null : l.get(l.size() - 1);
  }

  /** How an alert names its window's averaging. */
  public static String averaging(AverageWindow w) {
    return switch (w) {
      case DAY_ROLLING -> "24h-rolling";
      case DAY -> "calendar-day";
      default -> w.id();
    };
  }
}
