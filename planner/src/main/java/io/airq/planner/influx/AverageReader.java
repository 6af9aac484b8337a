package io.airq.planner.influx;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import io.airq.planner.impact.HourlyMean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Reads window averages written by the sink back from InfluxDB. */
public final class AverageReader implements AutoCloseable {
  private final InfluxDB influx;
  private final String database;

  public AverageReader(String url, String user, String password, String database) {
    this.influx =
        user == null || user.isEmpty()
            ? InfluxDBFactory.connect(url)
            : InfluxDBFactory.connect(url, user, password);
    this.database = database;
  }

  public List<SeriesPoint> series(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    QueryResult r =
        influx.query(
            new Query(AverageQuery.select(scope, keys, window, quantity, from, to), database));
    if (r.hasError()) {
      throw new IllegalStateException("InfluxDB query failed: " + r.getError());
    }
    List<SeriesPoint> out = new ArrayList<>();
    for (QueryResult.Result result : r.getResults()) {
      if (result.hasError()) {
        throw new IllegalStateException("InfluxDB query failed: " + result.getError());
      }
      if (result.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : result.getSeries()) {
        List<String> cols = s.getColumns();
        int time = cols.indexOf("time");
        int key = cols.indexOf("key");
        int mean = cols.indexOf("mean");
        int count = cols.indexOf("count");
        int expected = cols.indexOf("expected");
        for (List<Object> v : s.getValues()) {
          if (v.get(mean) == null) {
            continue;
          }
          out.add(
              new SeriesPoint(
                  String.valueOf(v.get(key)),
                  Instant.parse(String.valueOf(v.get(time))),
                  ((Number) v.get(mean)).doubleValue(),
                  v.get(count) == null ? 0 : ((Number) v.get(count)).longValue(),
                  v.get(expected) == null ? 0 : ((Number) v.get(expected)).longValue()));
        }
      }
    }
    return out;
  }

  /** Hourly sensor means for the impact calculation. */
  public List<HourlyMean> hourlySensorMeans(
      Collection<String> sensors, Quantity quantity, Instant from, Instant to) {
    return series(Scope.SENSOR, sensors, AverageWindow.HOUR, quantity, from, to).stream()
        .map(p -> new HourlyMean(p.key(), p.time(), p.mean(), p.count(), p.expected()))
        .toList();
  }

  @Override
  public void close() {
    influx.close();
  }
}
