package io.airq.planner.influx;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The indices {@code /api/series?index=…} can ask for (docs/api.md, docs/quality.md): each is an
 * InfluxDB field of {@code average} with its companions ({@code _category}, {@code _pollutant},
 * {@code _averaging}, {@code _id}), on the windows it is written on. A per-quantity index (a
 * sub-index) is read on the request's quantity; the others (the worst pollutant's) are written on
 * their dominant pollutant's point, so all quantities are read and the highest value of each window
 * is the index. Pure.
 */
public enum SeriesIndex {
  US_AQI_NOWCAST("us-aqi-nowcast", "aqi_us_nowcast", true, AverageWindow.HOUR),
  US_AQI("us-aqi", "aqi_us", true, AverageWindow.DAY, AverageWindow.DAY_ROLLING),
  US_AQI_1H("us-aqi-1h", "aqi_us_1h", true, AverageWindow.HOUR),
  US_AQI_8H("us-aqi-8h", "aqi_us_8h", true, AverageWindow.HOUR),
  US_AQI_HOUR("us-aqi-hour", "aqi_us_overall", false, AverageWindow.HOUR),
  EAQI("eaqi", "eaqi", false, AverageWindow.HOUR),
  NAQI("naqi", "naqi", false, AverageWindow.DAY_ROLLING, AverageWindow.DAY);

  private final String id;
  private final String field;
  private final boolean perQuantity;
  private final List<AverageWindow> windows;

  SeriesIndex(String id, String field, boolean perQuantity, AverageWindow... windows) {
    this.id = id;
    this.field = field;
    this.perQuantity = perQuantity;
    this.windows = List.of(windows);
  }

  public String id() {
    return id;
  }

  public String field() {
    return field;
  }

  /** Whether it is a sub-index of the request's quantity (else the worst pollutant's). */
  public boolean perQuantity() {
    return perQuantity;
  }

  /** The windows it is written on; the first is the default. */
  public List<AverageWindow> windows() {
    return windows;
  }

  public static Optional<SeriesIndex> byId(String id) {
    for (SeriesIndex i : values()) {
      if (i.id.equals(id)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The ids, for messages and docs. */
  public static String ids() {
    return java.util.Arrays.stream(values()).map(SeriesIndex::id).collect(Collectors.joining(", "));
  }

  /** The InfluxQL that reads this index's points of the keys in [from, to). */
  public String select(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    String f = "\"" + field;
    String keyFilter =
        keys.stream()
            .map(k -> "\"key\" = " + AverageQuery.literal(k))
            .collect(Collectors.joining(" OR "));
    return "SELECT \"key\", "
        + f
        + "\", "
        + f
        + "_category\", "
        + f
        + "_pollutant\", "
        + f
        + "_averaging\", "
        + f
        + "_id\" FROM \"average\" WHERE \"scope\" = "
        + AverageQuery.literal(scope.id())
        + " AND \"window\" = "
        + AverageQuery.literal(window.id())
        + (perQuantity ? " AND \"quantity\" = " + AverageQuery.literal(quantity.id()) : "")
        + (keys.isEmpty() ? " AND false" : " AND (" + keyFilter + ")")
        + " AND "
        + f
        + "\" >= 0 AND time >= '"
        + from
        + "' AND time < '"
        + to
        + "'";
  }
}
