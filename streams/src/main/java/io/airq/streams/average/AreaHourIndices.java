package io.airq.streams.average;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.EuropeanAqi;
import io.airq.streams.aqi.UsGasIndices;
import io.airq.streams.aqi.UsIndices;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;

/**
 * The index values of an area hour (docs/quality.md), the same ones a sensor hour carries, from the
 * area's hourly means: an area hour counts for a quantity when it has an area mean, that is at
 * least one sensor at the coverage gate. The PM NowCast from the area's 12 hours ending with this
 * one; the gas sub-indices on this hour and on the 8 ending with it (6 of 8); the hour's overall US
 * AQI; and the EAQI, PM on the mean of the area's hourly means of the 24 hours ending with this one
 * (at least 18 of them, 75 %), the gases on the hour. Pure.
 */
final class AreaHourIndices {
  private static final long HOUR_MS = RollingDay.HOUR_MS;
  private static final int DAY_HOURS_NEEDED = 18;

  private AreaHourIndices() {}

  /**
   * @param means the area's hourly means by hour start (this hour and up to 23 before it), per
   *     quantity
   * @return per quantity, the index values to add to its area average
   */
  static Map<Quantity, List<IndexValue>> of(
      long hour, NavigableMap<Long, Map<Quantity, Double>> means) {
    Map<Quantity, List<IndexValue>> out = new EnumMap<>(Quantity.class);
    Map<Quantity, Double> now = means.getOrDefault(hour, Map.of());
    IndexValue overall = null;
    int worstEaqi = 0;
    Quantity eaqiPollutant = null;
    for (Map.Entry<Quantity, Double> e : now.entrySet()) {
      Quantity q = e.getKey();
      List<IndexValue> values = new ArrayList<>(2);
      if (UsIndices.covers(q)) {
        add(values, UsIndices.nowCast(q, recent(q, hour, 12, means)));
      } else {
        add(values, UsGasIndices.hourly(q, e.getValue()));
        if (UsGasIndices.hasEightHour(q)) {
          add(
              values,
              UsGasIndices.eightHour(
                  q, UsGasIndices.eightHourMean(recent(q, hour, UsGasIndices.EIGHT_HOURS, means))));
        }
      }
      for (IndexValue v : values) {
        overall = overall == null || v.value() > overall.value() ? v : overall;
      }
      if (!values.isEmpty()) {
        out.put(q, values);
      }
      OptionalInt level = eaqiLevel(q, e.getValue(), hour, means);
      if (level.isPresent() && level.getAsInt() > worstEaqi) {
        worstEaqi = level.getAsInt();
        eaqiPollutant = q;
      }
    }
    if (eaqiPollutant != null) {
      out.computeIfAbsent(eaqiPollutant, q -> new ArrayList<>())
          .add(
              new IndexValue(
                  HourEaqi.FIELD,
                  EuropeanAqi.ID,
                  worstEaqi,
                  EuropeanAqi.category(worstEaqi),
                  eaqiPollutant,
                  EuropeanAqi.onDailyMean(eaqiPollutant) ? HourEaqi.DAILY : "1h"));
    }
    if (overall != null) {
      out.get(overall.pollutant())
          .add(
              new IndexValue(
                  UsOverall.FIELD,
                  overall.id(),
                  overall.value(),
                  overall.category(),
                  overall.pollutant(),
                  overall.averaging()));
    }
    return out;
  }

  private static OptionalInt eaqiLevel(
      Quantity q, double mean, long hour, NavigableMap<Long, Map<Quantity, Double>> means) {
    if (!EuropeanAqi.covers(q)) {
      return OptionalInt.empty();
    }
    if (!EuropeanAqi.onDailyMean(q)) {
      return EuropeanAqi.level(q, mean);
    }
    double sum = 0;
    int n = 0;
    for (Double m : recent(q, hour, 24, means)) {
      if (m != null) {
        sum += m;
        n++;
      }
    }
    return n >= DAY_HOURS_NEEDED ? EuropeanAqi.level(q, sum / n) : OptionalInt.empty();
  }

  /** The means of {@code q} of the {@code n} hours ending with {@code hour}, most recent first. */
  private static List<Double> recent(
      Quantity q, long hour, int n, NavigableMap<Long, Map<Quantity, Double>> means) {
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<Quantity, Double> h = means.get(hour - i * HOUR_MS);
      out.add(h == null ? null : h.get(q));
    }
    return out;
  }

  private static void add(List<IndexValue> values, IndexValue v) {
    if (v != null) {
      values.add(v);
    }
  }
}
