package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.EuropeanAqi;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The European Air Quality Index of a sensor's hour (docs/quality.md): each pollutant's level on
 * the EEA's averaging time (PM2.5 and PM10 on the 24-hour running mean ending with the hour, NO2,
 * O3 and SO2 on the hour), and the hour's level = the worst of them, with that pollutant as the
 * dominant one. A pollutant counts only when its hour, and for PM its 24 hours, meet the coverage
 * gate. Pure.
 */
final class HourEaqi {
  static final String FIELD = "eaqi";
  static final String DAILY = "24h-running-mean";
  private static final long HOUR_MS = AverageWindow.HOUR.size().toMillis();

  private HourEaqi() {}

  /**
   * The hour's EAQI, or null when no pollutant counts.
   *
   * @param hours the sensor's stored hours before this one, read only for a PM pollutant
   */
  static IndexValue of(
      long start,
      WindowAccumulators hour,
      double gate,
      long expectedHour,
      long expectedDay,
      SensorIndices.HoursBefore hours) {
    int worst = 0;
    Quantity dominant = null;
    for (Map.Entry<Quantity, Accumulator> e : hour.quantities().entrySet()) {
      Quantity q = e.getKey();
      Accumulator a = e.getValue();
      if (!EuropeanAqi.covers(q) || 100.0 * a.count() / expectedHour < gate) {
        continue;
      }
      double mean = a.mean();
      if (EuropeanAqi.onDailyMean(q)) {
        Accumulator day = a;
        for (WindowAccumulators h :
            hours.before(start).subMap(start - 23 * HOUR_MS, true, start, false).values()) {
          Accumulator x = h.quantities().get(q);
          day = x == null ? day : day.plus(x);
        }
        if (100.0 * day.count() / expectedDay < gate) {
          continue;
        }
        mean = day.mean();
      }
      OptionalInt level = EuropeanAqi.level(q, mean);
      if (level.isPresent() && level.getAsInt() > worst) {
        worst = level.getAsInt();
        dominant = q;
      }
    }
    if (dominant == null) {
      return null;
    }
    return new IndexValue(
        FIELD,
        EuropeanAqi.ID,
        worst,
        EuropeanAqi.category(worst),
        dominant,
        EuropeanAqi.onDailyMean(dominant) ? DAILY : AverageWindow.HOUR.id());
  }
}
