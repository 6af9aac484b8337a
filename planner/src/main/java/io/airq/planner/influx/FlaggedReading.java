package io.airq.planner.influx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.influxdb.dto.QueryResult;

/**
 * A raw reading that carries a QA flag on a quantity (docs/quality.md): what the explorer lists as
 * "QA flags".
 *
 * @param sensor the sensor id
 * @param time the measurement time
 * @param flags every flag of the reading, {@code quantity:rule} joined by commas
 * @param value the quantity's corrected value; null when not stored
 * @param raw the value as the sensor sent it; null when not stored
 */
public record FlaggedReading(String sensor, Instant time, String flags, Double value, Double raw) {

  /** The rows of {@link AverageQuery#flagged}. */
  static List<FlaggedReading> of(QueryResult r, String sensor) {
    List<FlaggedReading> out = new ArrayList<>();
    if (r.getResults() == null) {
      return out;
    }
    for (QueryResult.Result result : r.getResults()) {
      if (result.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : result.getSeries()) {
        List<String> cols = s.getColumns();
        for (List<Object> v : s.getValues()) {
          out.add(
              new FlaggedReading(
                  sensor,
                  Instant.parse(String.valueOf(v.get(cols.indexOf("time")))),
                  String.valueOf(v.get(cols.indexOf("flags"))),
                  v.get(2) instanceof Number n ? n.doubleValue() : null,
                  v.get(3) instanceof Number n ? n.doubleValue() : null));
        }
      }
    }
    return out;
  }
}
