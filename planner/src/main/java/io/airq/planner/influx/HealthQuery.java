package io.airq.planner.influx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.influxdb.dto.QueryResult;

/**
 * The raw-reading queries of sensor health: each sensor's last reading, and its readings per local
 * day (counted by its most frequent quantity, so a reading counts once however many values it has).
 */
public final class HealthQuery {
  private HealthQuery() {}

  static String last(Collection<String> sensors, String policy) {
    return "SELECT * FROM "
        + from(policy)
        + " WHERE "
        + filter(sensors)
        + " GROUP BY \"sensor\" ORDER BY time DESC LIMIT 1";
  }

  static String perDay(
      Collection<String> sensors, Instant from, Instant to, ZoneId zone, String policy) {
    return "SELECT count(*) FROM "
        + from(policy)
        + " WHERE "
        + filter(sensors)
        + " AND time >= '"
        + from
        + "' AND time < '"
        + to
        + "' GROUP BY time(1d), \"sensor\" fill(none) tz('"
        + zone.getId()
        + "')";
  }

  static Map<String, Instant> lastOf(QueryResult r) {
    Map<String, Instant> out = new HashMap<>();
    forEachRow(
        r,
        (sensor, cols, row) ->
            out.put(sensor, Instant.parse(String.valueOf(row.get(cols.indexOf("time"))))));
    return out;
  }

  static Map<String, Map<LocalDate, Long>> perDayOf(QueryResult r) {
    Map<String, Map<LocalDate, Long>> out = new HashMap<>();
    forEachRow(
        r,
        (sensor, cols, row) -> {
          long most = 0;
          for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).startsWith("count") && row.get(i) instanceof Number n) {
              most = Math.max(most, n.longValue());
            }
          }
          LocalDate day =
              OffsetDateTime.parse(String.valueOf(row.get(cols.indexOf("time")))).toLocalDate();
          out.computeIfAbsent(sensor, k -> new HashMap<>()).put(day, most);
        });
    return out;
  }

  private interface Row {
    void accept(String sensor, List<String> columns, List<Object> values);
  }

  private static void forEachRow(QueryResult r, Row row) {
    if (r.getResults() == null) {
      return;
    }
    for (QueryResult.Result result : r.getResults()) {
      if (result.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : result.getSeries()) {
        String sensor = s.getTags() == null ? null : s.getTags().get("sensor");
        if (sensor == null) {
          continue;
        }
        for (List<Object> v : s.getValues()) {
          row.accept(sensor, s.getColumns(), v);
        }
      }
    }
  }

  private static String from(String policy) {
    return (policy.isEmpty() ? "" : "\"" + policy + "\".") + "\"reading\"";
  }

  private static String filter(Collection<String> sensors) {
    return sensors.isEmpty()
        ? "false"
        : "("
            + sensors.stream()
                .map(k -> "\"sensor\" = " + AverageQuery.literal(k))
                .collect(Collectors.joining(" OR "))
            + ")";
  }
}
