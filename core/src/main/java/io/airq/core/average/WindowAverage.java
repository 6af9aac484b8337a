package io.airq.core.average;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One window's aggregate for one quantity, per sensor or per area. Re-emitted when late data
 * updates the window; the sink overwrites by identity (scope, key, window, quantity, start).
 *
 * @param scope sensor or area
 * @param key the sensor id, or the area name
 * @param area the area (equals key for area scope)
 * @param county the county
 * @param window the window kind
 * @param start window start, inclusive
 * @param end window end, exclusive
 * @param quantity the quantity
 * @param count readings in the window (area scope: summed over the sensors whose means it averages)
 * @param expectedCount readings expected at the nominal interval (area scope: from the sensors
 *     registered in the area and in service in the window, docs/quality.md)
 * @param coverage count / expectedCount in percent, capped at 100 (a sensor that sends more often
 *     than registered does not pass 100)
 * @param min smallest corrected value
 * @param max largest corrected value
 * @param rawMean mean of the raw values
 * @param mean mean of the corrected values
 * @param correction the correction id of the corrected values (several in name order joined with
 *     {@code +} when they differ)
 * @param indices the index values of this quantity's mean on this window (US EPA NowCast AQI on
 *     hourly windows, US EPA AQI on 24-hour ones; docs/quality.md), only where the window meets the
 *     coverage gate; empty when none
 */
public record WindowAverage(
    Scope scope,
    String key,
    String area,
    String county,
    AverageWindow window,
    Instant start,
    Instant end,
    Quantity quantity,
    long count,
    long expectedCount,
    double coverage,
    double min,
    double max,
    double rawMean,
    double mean,
    String correction,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IndexValue> indices) {

  public WindowAverage {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(quantity, "quantity");
    area = area == null ? "" : area;
    county = county == null ? "" : county;
    indices = indices == null ? List.of() : List.copyOf(indices);
    coverage = Math.min(coverage, 100.0);
  }

  /**
   * This average with another expected count, its coverage recomputed from it; without its indices
   * when the new coverage is below {@code gate} (percent).
   */
  public WindowAverage withExpected(long expected, double gate) {
    double c = expected <= 0 ? coverage : 100.0 * count / expected;
    return with(
        expected <= 0 ? expectedCount : expected,
        c,
        Math.min(c, 100.0) < gate ? List.of() : indices);
  }

  /** This average with one more index value. */
  public WindowAverage withIndex(IndexValue v) {
    List<IndexValue> more = new java.util.ArrayList<>(indices);
    more.add(v);
    return with(expectedCount, coverage, more);
  }

  private WindowAverage with(long expected, double c, List<IndexValue> idx) {
    return new WindowAverage(
        scope,
        key,
        area,
        county,
        window,
        start,
        end,
        quantity,
        count,
        expected,
        c,
        min,
        max,
        rawMean,
        mean,
        correction,
        idx);
  }
}
