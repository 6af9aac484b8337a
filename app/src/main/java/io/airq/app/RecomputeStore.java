package io.airq.app;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import io.airq.streams.average.HourRecompute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The InfluxDB side of {@code airq recompute}: a sensor's stored raw readings ({@code reading}),
 * and the replacement of stored {@code average} windows (sensor or area scope) by recomputed ones,
 * written as the sink writes them ({@link PointMapper}): a new point overwrites the stored one of
 * the same series and time. A window whose stored points have a field the new ones do not write (an
 * index it no longer has, a value now NaN), other tags (area, county), a second series, or a
 * quantity it no longer has is deleted first, and so is an area window no longer recomputed ({@link
 * Span}); only such windows, one at a time: InfluxDB 1.6's in-memory index (the devstack's) was
 * seen to lose the whole {@code average} measurement after a DELETE emptied a series once another
 * series had been emptied by a DELETE and written again, so airq deletes no more than it must.
 */
final class RecomputeStore {
  private final InfluxDB influx;
  private final String database;
  private final String rawPolicy;
  private final String aggregatePolicy;

  RecomputeStore(InfluxDB influx, String database, String rawPolicy, String aggregatePolicy) {
    this.influx = influx;
    this.database = database;
    this.rawPolicy = rawPolicy;
    this.aggregatePolicy = aggregatePolicy;
  }

  /**
   * Which stored windows of a kind {@link Replacement#add} compares with the recomputed ones: those
   * starting in [from, to). Stored windows starting at or after {@code deleteAbsentFrom} (null:
   * none) that were not recomputed are deleted (an area window without a valid sensor any more).
   * With {@code keepMeans} (the hours after the period) a window is written only where its stored
   * mean and correction are the recomputed ones: only its other fields (index values) change.
   */
  record Span(Instant from, Instant to, Instant deleteAbsentFrom, boolean keepMeans) {}

  /** Windows to replace, compared with the stored ones as they are added, written together. */
  final class Replacement {
    private final List<String> lines = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();

    /**
     * Compares the recomputed windows {@code windows} (each one list, every quantity) of {@code
     * key}'s window kind {@code w} with those stored in {@code span}, adds their lines and the
     * deletes of their stored points, and returns how many moved: a window moved when a field of
     * one of its quantities (mean, counts, coverage, correction, index values…) differs from the
     * stored one, or it had none stored, or it was deleted. The largest change of a mean goes into
     * {@code largest[0]}. Null {@code windows} (a kind not recomputed): nothing is read or
     * compared.
     */
    int add(
        Scope scope,
        String key,
        AverageWindow w,
        List<List<WindowAverage>> windows,
        Span span,
        double[] largest) {
      if (windows == null || (windows.isEmpty() && span.deleteAbsentFrom() == null)) {
        return 0;
      }
      Map<String, StoredPoint> stored = stored(scope, key, w, span.from(), span.to());
      // the stored quantities of each window start
      Map<String, Set<String>> storedQuantities = new HashMap<>();
      for (String k : stored.keySet()) {
        int bar = k.indexOf('|');
        storedQuantities
            .computeIfAbsent(k.substring(0, bar), x -> new HashSet<>())
            .add(k.substring(bar + 1));
      }
      Set<String> recomputed = new HashSet<>();
      int changed = 0;
      for (List<WindowAverage> window : windows) {
        Instant start = window.get(0).start();
        List<Map<String, Object>> written = window.stream().map(StoredPoint::written).toList();
        if (span.keepMeans() && !sameMeans(stored, window, written)) {
          continue; // an hour after the period whose mean recompute would change: left as it is
        }
        recomputed.add(start.toString());
        boolean moved = false;
        boolean stale = false;
        Set<String> quantities = new HashSet<>();
        for (int i = 0; i < window.size(); i++) {
          WindowAverage a = window.get(i);
          quantities.add(a.quantity().id());
          StoredPoint old = stored.get(a.start() + "|" + a.quantity().id());
          if (old == null || !old.sameAs(written.get(i))) {
            moved = true;
            if (old != null && old.mean() instanceof Number m) {
              largest[0] = Math.max(largest[0], Math.abs(m.doubleValue() - a.mean()));
            }
          }
          stale |= old != null && !old.overwrittenBy(a, written.get(i));
        }
        stale |= !quantities.containsAll(storedQuantities.getOrDefault(start.toString(), Set.of()));
        changed += moved ? 1 : 0;
        if (PointMapper.averages(WindowAverages.of(window)) instanceof LineResult.Lines l) {
          lines.addAll(l.lines());
        }
        if (stale) {
          deletes.add(InfluxQl.delete(scope, key, w, start));
        }
      }
      if (span.deleteAbsentFrom() != null) {
        for (String start : storedQuantities.keySet()) {
          if (!recomputed.contains(start)
              && !Instant.parse(start).isBefore(span.deleteAbsentFrom())) {
            deletes.add(InfluxQl.delete(scope, key, w, Instant.parse(start)));
            changed++;
          }
        }
      }
      return changed;
    }

    /** Whether every quantity of {@code window} is stored with the mean and correction written. */
    private static boolean sameMeans(
        Map<String, StoredPoint> stored,
        List<WindowAverage> window,
        List<Map<String, Object>> written) {
      for (int i = 0; i < window.size(); i++) {
        WindowAverage a = window.get(i);
        StoredPoint old = stored.get(a.start() + "|" + a.quantity().id());
        if (old == null || !old.sameMean(written.get(i))) {
          return false;
        }
      }
      return true;
    }

    /** Deletes the replaced windows' stored points and writes the new ones. */
    void write() {
      if (!deletes.isEmpty()) {
        check(influx.query(new Query(String.join("; ", deletes), database)));
      }
      if (lines.isEmpty()) {
        return;
      }
      influx.write(
          database,
          aggregatePolicy.isEmpty() ? null : aggregatePolicy,
          InfluxDB.ConsistencyLevel.ONE,
          TimeUnit.NANOSECONDS,
          lines);
    }
  }

  /**
   * The areas named in the {@code area} tag of the sensor's stored hours in [from, to) (its areas
   * at the time, which the registry may no longer say).
   */
  Set<String> storedAreas(String sensor, Instant from, Instant to) {
    QueryResult r =
        check(
            influx.query(
                new Query(
                    "SELECT count(\"mean\") FROM "
                        + (aggregatePolicy.isEmpty() ? "" : "\"" + aggregatePolicy + "\".")
                        + "\"average\" WHERE \"scope\" = 'sensor' AND \"key\" = "
                        + InfluxQl.literal(sensor)
                        + " AND \"window\" = '1h' AND time >= '"
                        + from
                        + "' AND time < '"
                        + to
                        + "' GROUP BY \"area\"",
                    database)));
    Set<String> out = new java.util.TreeSet<>();
    for (QueryResult.Series series : series(r)) {
      String area = series.getTags() == null ? null : series.getTags().get("area");
      if (area != null && !area.isEmpty()) {
        out.add(area);
      }
    }
    return out;
  }

  Replacement replacement() {
    return new Replacement();
  }

  /** The sensor's stored raw readings in [from, to). */
  List<HourRecompute.Stored> readings(String sensor, Instant from, Instant to) {
    String rp = rawPolicy.isEmpty() ? "" : "\"" + rawPolicy + "\".";
    QueryResult r =
        check(
            influx.query(
                new Query(
                    "SELECT * FROM "
                        + rp
                        + "\"reading\" WHERE \"sensor\" = "
                        + InfluxQl.literal(sensor)
                        + " AND time >= '"
                        + from
                        + "' AND time < '"
                        + to
                        + "'",
                    database)));
    List<HourRecompute.Stored> out = new ArrayList<>();
    for (QueryResult.Series series : series(r)) {
      out.addAll(StoredReadings.of(series.getColumns(), series.getValues()));
    }
    return out;
  }

  /** The stored window points by "start|quantity". */
  private Map<String, StoredPoint> stored(
      Scope scope, String key, AverageWindow w, Instant from, Instant to) {
    QueryResult r =
        check(
            influx.query(
                new Query(
                    "SELECT * FROM "
                        + (aggregatePolicy.isEmpty() ? "" : "\"" + aggregatePolicy + "\".")
                        + "\"average\" WHERE \"scope\" = '"
                        + scope.id()
                        + "' AND \"key\" = "
                        + InfluxQl.literal(key)
                        + " AND \"window\" = '"
                        + w.id()
                        + "' AND time >= '"
                        + from
                        + "' AND time < '"
                        + to
                        + "' GROUP BY \"quantity\"",
                    database)));
    Map<String, StoredPoint> out = new HashMap<>();
    for (QueryResult.Series series : series(r)) {
      String q = series.getTags() == null ? "" : series.getTags().get("quantity");
      List<String> cols = series.getColumns();
      for (List<Object> row : series.getValues()) {
        // a second series of the same window and quantity (another area or county tag)
        out.merge(
            Instant.parse(String.valueOf(row.get(cols.indexOf("time")))) + "|" + q,
            StoredPoint.of(cols, row),
            (first, second) -> first.asDuplicated());
      }
    }
    return out;
  }

  private static List<QueryResult.Series> series(QueryResult r) {
    List<QueryResult.Series> out = new ArrayList<>();
    if (r.getResults() != null) {
      for (QueryResult.Result result : r.getResults()) {
        if (result.getSeries() != null) {
          out.addAll(result.getSeries());
        }
      }
    }
    return out;
  }

  private static QueryResult check(QueryResult r) {
    String error = r.getError();
    if (error == null && r.getResults() != null) {
      error =
          r.getResults().stream()
              .map(QueryResult.Result::getError)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
    }
    if (error != null && !error.contains("database not found")) {
      throw new IllegalStateException("InfluxDB: " + error);
    }
    return r;
  }
}
