package io.airq.planner.influx;

import io.airq.core.reading.QaRule;
import io.airq.planner.health.NetworkFlags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.influxdb.dto.QueryResult;

/**
 * The network's QA-flag counts in one request of several statements: the registered sensors' raw
 * readings and flagged readings per sensor, then per rule the readings flagged by it (every raw
 * reading has a {@code flags} field, empty when unflagged, so {@code count("flags")} counts
 * readings).
 */
final class FlagQuery {
  private FlagQuery() {}

  static String query(Collection<String> sensors, Instant since, String policy) {
    String where = " FROM " + HealthQuery.from(policy) + " WHERE " + HealthQuery.filter(sensors);
    String period = " AND time >= '" + since + "'";
    List<String> statements = new ArrayList<>();
    statements.add("SELECT count(\"flags\")" + where + period + " GROUP BY \"sensor\"");
    statements.add(
        "SELECT count(\"flags\")"
            + where
            + " AND \"flags\" != ''"
            + period
            + " GROUP BY \"sensor\"");
    for (QaRule rule : QaRule.values()) {
      // flags is "quantity:rule,quantity:rule"; neither part contains ':' or ','
      statements.add(
          "SELECT count(\"flags\")"
              + where
              + " AND \"flags\" =~ /:"
              + rule.id()
              + "(,|$)/"
              + period);
    }
    return String.join("; ", statements);
  }

  static NetworkFlags of(QueryResult r) {
    List<QueryResult.Result> results = r.getResults() == null ? List.of() : r.getResults();
    Map<String, Long> readings = perSensor(results, 0);
    Map<String, Long> flagged = perSensor(results, 1);
    Map<String, NetworkFlags.Counts> counts = new TreeMap<>();
    readings.forEach(
        (s, n) -> counts.put(s, new NetworkFlags.Counts(n, flagged.getOrDefault(s, 0L))));
    Map<String, Long> byRule = new TreeMap<>();
    QaRule[] rules = QaRule.values();
    for (int i = 0; i < rules.length; i++) {
      long n = perSensor(results, 2 + i).values().stream().mapToLong(Long::longValue).sum();
      if (n > 0) {
        byRule.put(rules[i].id(), n);
      }
    }
    return new NetworkFlags(
        readings.values().stream().mapToLong(Long::longValue).sum(),
        flagged.values().stream().mapToLong(Long::longValue).sum(),
        byRule,
        counts);
  }

  /** The count of statement {@code i}, per sensor (a statement without GROUP BY: key ""). */
  private static Map<String, Long> perSensor(List<QueryResult.Result> results, int i) {
    Map<String, Long> out = new HashMap<>();
    if (i >= results.size() || results.get(i).getSeries() == null) {
      return out;
    }
    for (QueryResult.Series s : results.get(i).getSeries()) {
      String sensor = s.getTags() == null ? "" : s.getTags().getOrDefault("sensor", "");
      int col = s.getColumns().indexOf("count");
      for (List<Object> v : s.getValues()) {
        if (col >= 0 && v.get(col) instanceof Number n) {
          out.merge(sensor, n.longValue(), Long::sum);
        }
      }
    }
    return out;
  }
}
