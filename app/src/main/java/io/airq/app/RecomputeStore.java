package io.airq.app;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import io.airq.streams.average.HourRecompute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * index it no longer has), other tags (area, county) or a quantity it no longer has is deleted
 * first, and only such a window: InfluxDB 1.6's in-memory index (the devstack's) was seen to lose
 * the whole {@code average} measurement after a DELETE emptied a series once another series had
 * been emptied by a DELETE and written again, so airq deletes no more than it must.
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

  /** Windows to replace, compared with the stored ones as they are added, written together. */
  final class Replacement {
    private final List<String> lines = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();

    /**
     * Compares the recomputed windows {@code windows} (each one list, every quantity) of {@code
     * key}'s window kind {@code w} with those stored starting in [from, to), adds their lines and
     * the deletes of their stored points, and returns how many moved: a window moved when the mean
     * or correction of one of its quantities differs from the stored one, or it had none stored.
     * The largest change of a mean goes into {@code largest[0]}.
     */
    int add(
        Scope scope,
        String key,
        AverageWindow w,
        List<List<WindowAverage>> windows,
        Instant from,
        Instant to,
        double[] largest) {
      Map<String, StoredPoint> stored = stored(scope, key, w, from, to);
      // the stored quantities of each window start
      Map<String, Set<String>> storedQuantities = new HashMap<>();
      for (String k : stored.keySet()) {
        int bar = k.indexOf('|');
        storedQuantities
            .computeIfAbsent(k.substring(0, bar), x -> new HashSet<>())
            .add(k.substring(bar + 1));
      }
      int changed = 0;
      for (List<WindowAverage> window : windows) {
        boolean moved = false;
        boolean stale = false;
        Set<String> quantities = new HashSet<>();
        for (WindowAverage a : window) {
          quantities.add(a.quantity().id());
          StoredPoint old = stored.get(a.start() + "|" + a.quantity().id());
          double delta =
              old == null || !(old.mean() instanceof Number m)
                  ? Double.NaN
                  : Math.abs(m.doubleValue() - a.mean());
          if (old == null
              || Double.isNaN(delta)
              || delta > 1e-9
              || !Objects.equals(old.correction(), a.correction())) {
            moved = true;
            largest[0] = Double.isNaN(delta) ? largest[0] : Math.max(largest[0], delta);
          }
          stale |= old != null && !old.overwrittenBy(a);
        }
        Instant start = window.get(0).start();
        stale |= !quantities.containsAll(storedQuantities.getOrDefault(start.toString(), Set.of()));
        changed += moved ? 1 : 0;
        if (PointMapper.averages(WindowAverages.of(window)) instanceof LineResult.Lines l) {
          lines.addAll(l.lines());
        }
        if (stale) {
          deletes.add(
              "DELETE FROM \"average\" WHERE \"scope\" = '"
                  + scope.id()
                  + "' AND \"key\" = "
                  + literal(key)
                  + " AND \"window\" = '"
                  + w.id()
                  + "' AND time = '"
                  + start
                  + "'");
        }
      }
      return changed;
    }

    /** Deletes the replaced windows' stored points and writes the new ones. */
    void write() {
      if (lines.isEmpty()) {
        return;
      }
      if (!deletes.isEmpty()) {
        check(influx.query(new Query(String.join("; ", deletes), database)));
      }
      influx.write(
          database,
          aggregatePolicy.isEmpty() ? null : aggregatePolicy,
          InfluxDB.ConsistencyLevel.ONE,
          TimeUnit.NANOSECONDS,
          lines);
    }
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
                        + literal(sensor)
                        + " AND time >= '"
                        + from
                        + "' AND time < '"
                        + to
                        + "'",
                    database)));
    List<HourRecompute.Stored> out = new ArrayList<>();
    for (QueryResult.Series series : series(r)) {
      List<String> cols = series.getColumns();
      for (List<Object> row : series.getValues()) {
        Map<Quantity, Double> raw = new EnumMap<>(Quantity.class);
        Map<Quantity, Double> value = new EnumMap<>(Quantity.class);
        List<QaFlag> flags = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
          String c = cols.get(i);
          Object v = row.get(i);
          if (c.equals("flags") && v != null) {
            flags.addAll(flags(String.valueOf(v)));
          } else if (v instanceof Number n && c.endsWith("_raw")) {
            Quantity.byId(c.substring(0, c.length() - 4))
                .ifPresent(q -> raw.put(q, n.doubleValue()));
          } else if (v instanceof Number n) {
            Quantity.byId(c).ifPresent(q -> value.put(q, n.doubleValue()));
          }
        }
        if (!raw.isEmpty()) {
          out.add(
              new HourRecompute.Stored(
                  Instant.parse(String.valueOf(row.get(cols.indexOf("time")))), raw, value, flags));
        }
      }
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
                        + literal(key)
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
        out.put(
            Instant.parse(String.valueOf(row.get(cols.indexOf("time")))) + "|" + q,
            StoredPoint.of(cols, row));
      }
    }
    return out;
  }

  /**
   * "pm25:stuck,no2:negative" as flags (a rule or quantity this build does not know is skipped).
   */
  static List<QaFlag> flags(String field) {
    List<QaFlag> out = new ArrayList<>();
    for (String f : field.split(",")) {
      int colon = f.indexOf(':');
      if (colon < 1) {
        continue;
      }
      String rule = f.substring(colon + 1).strip();
      var q = Quantity.byId(f.substring(0, colon).strip());
      for (QaRule r : QaRule.values()) {
        if (r.id().equals(rule) && q.isPresent()) {
          out.add(new QaFlag(r, q.get(), "stored"));
        }
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

  private static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
