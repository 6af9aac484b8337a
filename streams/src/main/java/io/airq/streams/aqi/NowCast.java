package io.airq.streams.aqi;

import java.util.List;
import java.util.OptionalDouble;

/**
 * EPA NowCast for PM: weighted mean of the last 12 hourly means (most recent first, null = missing
 * hour), weight factor w = min/max clamped to at least 0.5; defined only when at least 2 of the 3
 * most recent hours exist.
 */
public final class NowCast {
  private NowCast() {}

  public static OptionalDouble of(List<Double> hourlyMostRecentFirst) {
    List<Double> h = hourlyMostRecentFirst.subList(0, Math.min(12, hourlyMostRecentFirst.size()));
    int recent = 0;
    for (int i = 0; i < Math.min(3, h.size()); i++) {
      if (h.get(i) != null) {
        recent++;
      }
    }
    if (recent < 2) {
      return OptionalDouble.empty();
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Double c : h) {
      if (c != null) {
        min = Math.min(min, c);
        max = Math.max(max, c);
      }
    }
    double w = max <= 0 ? 1 : Math.max(0.5, min / max);
    double num = 0;
    double den = 0;
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i) != null) {
        double wi = Math.pow(w, i);
        num += wi * h.get(i);
        den += wi;
      }
    }
    return OptionalDouble.of(num / den);
  }
}
