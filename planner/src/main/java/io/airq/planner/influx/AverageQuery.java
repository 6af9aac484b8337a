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
    return "SELECT \"key\", \"mean\", \"raw_mean\", \"count\", \"expected\" FROM \"average\""
        + where(scope, keys, window, quantity, from, to);
  }

  /** As {@link #select}, with every field the sink stores (raw mean, extremes, indices, …). */
  public static String selectAll(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    return "SELECT * FROM \"average\"" + where(scope, keys, window, quantity, from, to);
  }

  private static String where(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    String keyFilter =
        keys.stream().map(k -> "\"key\" = " + literal(k)).collect(Collectors.joining(" OR "));
    return " WHERE \"scope\" = "
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

  /**
   * Hourly means and counts of one quantity's corrected values from the raw {@code reading}
   * measurement, per sensor, leaving out readings that carry a QA flag on that quantity (the flags
   * field lists them as {@code quantity:rule}): the same means the streams job makes, but with the
   * readings it found late included.
   *
   * @param policy the retention policy of the raw readings; empty = the database's default
   */
  public static String rawHourly(
      Collection<String> sensors, Quantity quantity, Instant from, Instant to, String policy) {
    String field = "\"" + quantity.id() + "\"";
    String sensorFilter =
        sensors.stream().map(k -> "\"sensor\" = " + literal(k)).collect(Collectors.joining(" OR "));
    return "SELECT mean("
        + field
        + ") AS \"mean\", count("
        + field
        + ") AS \"count\" FROM "
        + (policy.isEmpty() ? "" : "\"" + policy + "\".")
        + "\"reading\" WHERE "
        + (sensors.isEmpty() ? "false" : "(" + sensorFilter + ")")
        + " AND \"flags\" !~ /(^|,)"
        + quantity.id()
        + ":/ AND time >= '"
        + from
        + "' AND time < '"
        + to
        + "' GROUP BY time(1h), \"sensor\" fill(none)";
  }

  /**
   * A sensor's raw readings with a QA flag on {@code quantity}, oldest first, at most {@code
   * limit}: time, flags, the corrected and the raw value.
   */
  public static String flagged(
      String sensor, Quantity quantity, Instant from, Instant to, String policy, int limit) {
    return "SELECT \"flags\", \""
        + quantity.id()
        + "\", \""
        + quantity.id()
        + "_raw\" FROM "
        + (policy.isEmpty() ? "" : "\"" + policy + "\".")
        + "\"reading\" WHERE \"sensor\" = "
        + literal(sensor)
        + " AND \"flags\" =~ /(^|,)"
        + quantity.id()
        + ":/ AND time >= '"
        + from
        + "' AND time < '"
        + to
        + "' LIMIT "
        + limit;
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
