package io.airq.core.average;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One window's averages of every quantity, per sensor or per area: the value of the averages topic.
 * One record per window and emission instead of one per quantity: a sensor reporting 11 quantities
 * made 11 records (and 11 keys, timestamps and headers for the broker to store) for each window it
 * emitted. {@link #averages()} gives the per-quantity {@link WindowAverage}s back.
 *
 * @param scope sensor or area
 * @param key the sensor id, or the area name
 * @param area the area (equals key for area scope)
 * @param county the county
 * @param window the window kind
 * @param start window start, inclusive
 * @param end window end, exclusive
 * @param quantities per quantity, in the quantities' declaration order
 */
public record WindowAverages(
    Scope scope,
    String key,
    String area,
    String county,
    AverageWindow window,
    Instant start,
    Instant end,
    Map<Quantity, QuantityAverage> quantities) {

  /**
   * One quantity of the window: {@link WindowAverage} without the window's identity.
   *
   * @param count readings (sensor scope) or sensors (area scope) in the window
   * @param expectedCount readings expected at the nominal interval (area scope: sensors registered)
   * @param coverage count / expectedCount in percent, capped at 100
   * @param min smallest corrected value
   * @param max largest corrected value
   * @param rawMean mean of the raw values
   * @param mean mean of the corrected values
   * @param correction the correction id (several in name order joined with {@code +})
   * @param indices the index values of the mean (see {@link WindowAverage#indices()}); empty when
   *     none
   */
  public record QuantityAverage(
      long count,
      long expectedCount,
      double coverage,
      double min,
      double max,
      double rawMean,
      double mean,
      String correction,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IndexValue> indices) {
    public QuantityAverage {
      indices = indices == null ? List.of() : List.copyOf(indices);
    }
  }

  public WindowAverages {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(start, "start");
    area = area == null ? "" : area;
    county = county == null ? "" : county;
    if (quantities == null || quantities.isEmpty()) {
      quantities = Map.of();
    } else {
      for (Map.Entry<Quantity, QuantityAverage> e : quantities.entrySet()) {
        Objects.requireNonNull(e.getKey(), "quantity");
        Objects.requireNonNull(e.getValue(), () -> "average of " + e.getKey());
      }
      quantities = Collections.unmodifiableMap(new EnumMap<>(quantities));
    }
  }

  /**
   * The averages of one window (same scope, key, area, county, window, start and end) in one
   * record.
   *
   * @throws IllegalArgumentException when the list is empty, mixes windows or repeats a quantity
   */
  public static WindowAverages of(List<WindowAverage> averages) {
    if (averages.isEmpty()) {
      throw new IllegalArgumentException("no averages to group");
    }
    WindowAverage first = averages.get(0);
    Map<Quantity, QuantityAverage> byQuantity = new EnumMap<>(Quantity.class);
    for (WindowAverage a : averages) {
      if (a.scope() != first.scope()
          || !a.key().equals(first.key())
          || !a.area().equals(first.area())
          || !a.county().equals(first.county())
          || a.window() != first.window()
          || !a.start().equals(first.start())
          || !Objects.equals(a.end(), first.end())) {
        throw new IllegalArgumentException("averages of different windows: " + first + ", " + a);
      }
      QuantityAverage q =
          new QuantityAverage(
              a.count(),
              a.expectedCount(),
              a.coverage(),
              a.min(),
              a.max(),
              a.rawMean(),
              a.mean(),
              a.correction(),
              a.indices());
      if (byQuantity.put(a.quantity(), q) != null) {
        throw new IllegalArgumentException(a.quantity() + " twice in " + first);
      }
    }
    return new WindowAverages(
        first.scope(),
        first.key(),
        first.area(),
        first.county(),
        first.window(),
        first.start(),
        first.end(),
        byQuantity);
  }

  /** One {@link WindowAverage} per quantity, in the quantities' declaration order. */
  public List<WindowAverage> averages() {
    List<WindowAverage> out = new ArrayList<>(quantities.size());
    for (Map.Entry<Quantity, QuantityAverage> e : quantities.entrySet()) {
      QuantityAverage q = e.getValue();
      out.add(
          new WindowAverage(
              scope,
              key,
              area,
              county,
              window,
              start,
              end,
              e.getKey(),
              q.count(),
              q.expectedCount(),
              q.coverage(),
              q.min(),
              q.max(),
              q.rawMean(),
              q.mean(),
              q.correction(),
              q.indices()));
    }
    return out;
  }
}
