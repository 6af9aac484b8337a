package io.airq.planner.influx;

import io.airq.planner.health.QaFlagShares;
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
 * The raw-reading queries of sensor health: each sensor's last reading, its readings per local day
 * (counted by its most frequent quantity, so a reading counts once however many values it has), and
 * one sensor's values and flagged readings for its QA-flag shares.
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

  /** The count of each field of one sensor's raw readings since {@code from}. */
  static String valueCounts(String sensor, Instant from, String policy) {
    return "SELECT count(*) FROM "
        + from(policy)
        + " WHERE "
        + filter(List.of(sensor))
        + " AND time >= '"
        + from
        + "' GROUP BY \"sensor\"";
  }

  /** One sensor's raw readings since {@code from} that carry QA flags: their time and flags. */
  static String flagged(String sensor, Instant from, String policy) {
    return "SELECT \"flags\" FROM "
        + from(policy)
        + " WHERE "
        + filter(List.of(sensor))
        + " AND \"flags\" != '' AND time >= '"
        + from
        + "' GROUP BY \"sensor\"";
  }

  /** Values per quantity id from {@link #valueCounts} (the {@code count_<quantity>} columns). */
  static Map<String, Long> valueCountsOf(QueryResult r) {
    Map<String, Long> out = new HashMap<>();
    forEachRow(
        r,
        (sensor, cols, row) -> {
          for (int i = 0; i < cols.size(); i++) {
            String c = cols.get(i);
            if (c.startsWith("count_")
                && !c.endsWith("_raw")
                && !c.equals("count_flags")
                && row.get(i) instanceof Number n) {
              out.put(c.substring("count_".length()), n.longValue());
            }
          }
        });
    return out;
  }

  /** The rows of {@link #flagged}. */
  static List<QaFlagShares.Flagged> flaggedOf(QueryResult r) {
    List<QaFlagShares.Flagged> out = new java.util.ArrayList<>();
    forEachRow(
        r,
        (sensor, cols, row) -> {
          Object f = row.get(cols.indexOf("flags"));
          if (f != null) {
            out.add(
                new QaFlagShares.Flagged(
                    Instant.parse(String.valueOf(row.get(cols.indexOf("time")))),
                    String.valueOf(f)));
          }
        });
    return out;
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

  static String from(String policy) {
    return (policy.isEmpty() ? "" : "\"" + policy + "\".") + "\"reading\"";
  }

  static String filter(Collection<String> sensors) {
    return sensors.isEmpty()
        ? "false"
        : "("
            + sensors.stream()
                .map(k -> "\"sensor\" = " + AverageQuery.literal(k))
                .collect(Collectors.joining(" OR "))
            + ")";
  }
}
