package io.airq.planner.influx;

import java.time.Instant;
import java.util.List;

/**
 * One index value of a window read back from InfluxDB.
 *
 * @param key the sensor id or area
 * @param time the window start
 * @param value the index value
 * @param category the index's category name
 * @param pollutant the dominant pollutant
 * @param averaging what it was computed on (e.g. {@code nowcast-12h}, {@code calendar-day})
 * @param id the index and table version (e.g. {@code us-epa-2024})
 */
public record IndexPoint(
    String key,
    Instant time,
    int value,
    String category,
    String pollutant,
    String averaging,
    String id) {
  /**
   * The points of a query's answer by window and key; for an index of the worst pollutant the
   * highest value of each window (the others are stale values of a pollutant that was dominant at
   * an earlier emission of that window).
   */
  static List<IndexPoint> highestPerWindow(org.influxdb.dto.QueryResult r) {
    java.util.Map<String, IndexPoint> byWindow = new java.util.TreeMap<>();
    for (org.influxdb.dto.QueryResult.Result result :
        r.getResults() == null ? List.<org.influxdb.dto.QueryResult.Result>of() : r.getResults()) {
      if (result.hasError()) {
        throw new IllegalStateException("InfluxDB query failed: " + result.getError());
      }
      for (org.influxdb.dto.QueryResult.Series s :
          result.getSeries() == null
              ? List.<org.influxdb.dto.QueryResult.Series>of()
              : result.getSeries()) {
        for (List<Object> v : s.getValues()) {
          if (v.get(2) == null) {
            continue;
          }
          IndexPoint p =
              new IndexPoint(
                  String.valueOf(v.get(1)),
                  Instant.parse(String.valueOf(v.get(0))),
                  ((Number) v.get(2)).intValue(),
                  String.valueOf(v.get(3)),
                  String.valueOf(v.get(4)),
                  String.valueOf(v.get(5)),
                  String.valueOf(v.get(6)));
          byWindow.merge(p.time() + "|" + p.key(), p, (a, b) -> b.value() > a.value() ? b : a);
        }
      }
    }
    return List.copyOf(byWindow.values());
  }
}
