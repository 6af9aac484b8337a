package io.airq.e2e;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * What one pass left in InfluxDB: every hourly sensor average ("sensor|quantity|hour" -> {mean,
 * count}) and the raw reading count of every series and quantity ("tags|quantity" -> count).
 */
record StoredSnapshot(Map<String, double[]> hourly, Map<String, Long> raw) {

  static StoredSnapshot read(String influxUrl, String database) {
    try (InfluxDB influx = InfluxDBFactory.connect(influxUrl)) {
      Map<String, double[]> hourly = new TreeMap<>();
      for (QueryResult.Series s :
          series(
              influx,
              database,
              "SELECT \"mean\", \"count\" FROM average WHERE scope = 'sensor' AND \"window\" = '1h'"
                  + " GROUP BY \"key\", quantity")) {
        for (List<Object> row : s.getValues()) {
          hourly.put(
              s.getTags().get("key") + "|" + s.getTags().get("quantity") + "|" + row.get(0),
              new double[] {
                row.get(1) == null ? Double.NaN : ((Number) row.get(1)).doubleValue(),
                ((Number) row.get(2)).doubleValue()
              });
        }
      }
      Map<String, Long> raw = new TreeMap<>();
      for (QueryResult.Series s :
          series(
              influx,
              database,
              "SELECT count(pm25) AS pm25, count(pm10) AS pm10 FROM raw_90d.reading GROUP BY *")) {
        String tags =
            new TreeMap<>(s.getTags())
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        List<Object> row = s.getValues().get(0);
        for (int c = 1; c < s.getColumns().size(); c++) {
          raw.put(tags + "|" + s.getColumns().get(c), ((Number) row.get(c)).longValue());
        }
      }
      return new StoredSnapshot(hourly, raw);
    }
  }

  private static List<QueryResult.Series> series(InfluxDB influx, String db, String q) {
    QueryResult r = influx.query(new Query(q, db));
    if (r.getError() != null) {
      throw new IllegalStateException(r.getError() + " in " + q);
    }
    QueryResult.Result first = r.getResults().get(0);
    if (first.getError() != null) {
      if (first.getError().contains("database not found")) {
        return List.of();
      }
      throw new IllegalStateException(first.getError() + " in " + q);
    }
    return first.getSeries() == null ? List.of() : first.getSeries();
  }

  long hourlyCount() {
    return hourly.values().stream().mapToLong(a -> (long) a[1]).sum();
  }

  long rawCount() {
    return raw.values().stream().mapToLong(Long::longValue).sum();
  }
}
