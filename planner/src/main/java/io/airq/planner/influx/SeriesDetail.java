package io.airq.planner.influx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One window average with everything the sink stored for it (docs/influxdb-schema.md): corrected
 * and raw means, extremes, counts, the correction applied and the index values attached.
 *
 * @param key the sensor id or area
 * @param time the window start
 * @param mean the mean of the corrected values
 * @param rawMean the mean of the values as the sensor sent them (InfluxDB {@code raw_mean}); null
 *     when not stored
 * @param min the smallest corrected value; null when not stored
 * @param max the largest; null when not stored
 * @param count readings in the window
 * @param expected readings expected at the nominal interval
 * @param coverage count / expected, in percent; null when not stored
 * @param correction the id of the correction applied ({@code none} when none)
 * @param indices the index values attached to the window (e.g. {@code aqi_us_nowcast})
 */
public record SeriesDetail(
    String key,
    Instant time,
    double mean,
    Double rawMean,
    Double min,
    Double max,
    long count,
    long expected,
    Double coverage,
    String correction,
    List<Index> indices) {

  /** One index value: the field it is stored as, its table's id, value, category, pollutant. */
  public record Index(
      String field, String id, long value, String category, String pollutant, String averaging) {}

  /** The point of one row of {@code SELECT * FROM average}, or null when it has no mean. */
  static SeriesDetail fromRow(List<String> cols, List<Object> v) {
    Double mean = number(cols, v, "mean");
    if (mean == null) {
      return null;
    }
    List<Index> indices = new ArrayList<>();
    for (String c : cols) {
      Object id = get(cols, v, c + "_id");
      Double value = number(cols, v, c);
      if (id != null && value != null) {
        indices.add(
            new Index(
                c,
                id.toString(),
                value.longValue(),
                text(cols, v, c + "_category"),
                text(cols, v, c + "_pollutant"),
                text(cols, v, c + "_averaging")));
      }
    }
    Double count = number(cols, v, "count");
    Double expected = number(cols, v, "expected");
    return new SeriesDetail(
        text(cols, v, "key"),
        Instant.parse(String.valueOf(get(cols, v, "time"))),
        mean,
        number(cols, v, "raw_mean"),
        number(cols, v, "min"),
        number(cols, v, "max"),
        count == null ? 0 : count.longValue(),
        expected == null ? 0 : expected.longValue(),
        number(cols, v, "coverage"),
        text(cols, v, "correction"),
        List.copyOf(indices));
  }

  /** The point as the impact path reads it. */
  public SeriesPoint point() {
    return new SeriesPoint(key, time, mean, rawMean, count, expected);
  }

  private static Object get(List<String> cols, List<Object> v, String col) {
    int i = cols.indexOf(col);
    return i < 0 ? null : v.get(i);
  }

  private static Double number(List<String> cols, List<Object> v, String col) {
    return get(cols, v, col) instanceof Number n ? n.doubleValue() : null;
  }

  private static String text(List<String> cols, List<Object> v, String col) {
    Object o = get(cols, v, col);
    return o == null ? "" : o.toString();
  }

  /** The window averages of a query's answer, every stored field. */
  static List<SeriesDetail> fromResult(org.influxdb.dto.QueryResult r) {
    List<SeriesDetail> out = new ArrayList<>();
    for (org.influxdb.dto.QueryResult.Result result : r.getResults()) {
      if (result.hasError()) {
        throw new IllegalStateException("InfluxDB query failed: " + result.getError());
      }
      if (result.getSeries() == null) {
        continue;
      }
      for (org.influxdb.dto.QueryResult.Series s : result.getSeries()) {
        for (List<Object> v : s.getValues()) {
          SeriesDetail d = SeriesDetail.fromRow(s.getColumns(), v);
          if (d != null) {
            out.add(d);
          }
        }
      }
    }
    return out;
  }
}
