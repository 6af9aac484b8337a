package io.airq.planner.influx;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/** Builds the InfluxQL that reads the {@code average} measurement (pure, so it is testable). */
public final class AverageQuery {
  private AverageQuery() {}

  public static String select(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    String keyFilter =
        keys.stream().map(k -> "\"key\" = " + literal(k)).collect(Collectors.joining(" OR "));
    return "SELECT \"key\", \"mean\", \"count\", \"expected\" FROM \"average\" WHERE \"scope\" = "
        + literal(scope.id())
        + " AND \"window\" = "
        + literal(window.id())
        + " AND \"quantity\" = "
        + literal(quantity.id())
        + (keys.isEmpty() ? " AND false" : " AND (" + keyFilter + ")")
        + " AND time >= '"
        + from
        + "' AND time < '"
        + to
        + "'";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
