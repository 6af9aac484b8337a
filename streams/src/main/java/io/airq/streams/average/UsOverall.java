package io.airq.streams.average;

import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.streams.aqi.UsGasIndices;
import io.airq.streams.aqi.UsIndices;
import java.util.List;
import java.util.Set;

/**
 * A sensor hour's overall US AQI (field {@code aqi_us_overall}, docs/quality.md): the highest of
 * its US sub-indices (the PM NowCasts, the gases' 1-hour and 8-hour sub-indices), with that
 * (dominant) pollutant and the averaging of its sub-index, written on that pollutant's average.
 * EPA, TAD May 2024, "How to handle values from multiple pollutants" and "Using both O3 1-hour and
 * 8-hour values" (the higher of the two). Pure.
 */
final class UsOverall {
  static final String FIELD = "aqi_us_overall";
  private static final Set<String> SUB_INDICES =
      Set.of(UsIndices.NOWCAST_FIELD, UsGasIndices.HOUR_FIELD, UsGasIndices.EIGHT_HOUR_FIELD);

  private UsOverall() {}

  /** The overall AQI of an hour's averages, or null when none has a US sub-index. */
  static IndexValue of(List<WindowAverage> hour) {
    IndexValue max = null;
    for (WindowAverage a : hour) {
      for (IndexValue v : a.indices()) {
        if (SUB_INDICES.contains(v.field()) && (max == null || v.value() > max.value())) {
          max = v;
        }
      }
    }
    return max == null
        ? null
        : new IndexValue(
            FIELD, max.id(), max.value(), max.category(), max.pollutant(), max.averaging());
  }
}
