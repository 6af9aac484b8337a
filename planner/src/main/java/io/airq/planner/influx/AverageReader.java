package io.airq.planner.influx;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import io.airq.kit.Check;
import io.airq.kit.InfluxLogin;
import io.airq.planner.impact.HourlyMean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Reads window averages written by the sink back from InfluxDB. */
public final class AverageReader implements AutoCloseable {
  private final InfluxDB influx;
  private final String database;
  private volatile String rawPolicy;
  private final InfluxLogin login;

  /**
   * @param rawPolicy the retention policy of the raw {@code reading} measurement (the sink's {@code
   *     influx.raw.policy}); empty = the database default
   */
  public AverageReader(String url, InfluxLogin login, String database, String rawPolicy) {
    this.rawPolicy = rawPolicy;
    this.login = login;
    this.influx = login.connect(url);
    this.database = database;
  }

  /** Whether InfluxDB answers a ping: the planner's health check. */
  public Check reachable() {
    try {
      Pong pong = influx.ping();
      if (!pong.isGood()) {
        return Check.down("InfluxDB did not answer the ping");
      }
      // a ping needs no credentials: ask something that does, so wrong ones show here
      QueryResult r = influx.query(new Query("SHOW DATABASES"));
      if (r.getError() != null && r.getError().contains("authoriz")) {
        return refused(r.getError());
      }
      return Check.up(
          "InfluxDB " + pong.getVersion() + " answered in " + pong.getResponseTime() + " ms");
    } catch (org.influxdb.InfluxDBException e) {
      // influxd's 401 answers: "authorization failed", "signature is invalid", "Token is expired"
      return String.valueOf(e.getMessage())
              .matches("(?is).*(authori[sz]|authenticat|token|signature|user).*")
          ? refused(e.getMessage())
          : Check.down("InfluxDB did not answer: " + e.getMessage());
    } catch (RuntimeException e) {
      return Check.down("InfluxDB did not answer: " + e.getMessage());
    }
  }

  private Check refused(String reason) {
    return Check.down(
        "InfluxDB refused the planner's credentials (" + login.settings() + "): " + reason);
  }

  public List<SeriesPoint> series(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    QueryResult r = query(AverageQuery.select(scope, keys, window, quantity, from, to));
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
        int raw = cols.indexOf("raw_mean");
        int count = cols.indexOf("count");
        int expected = cols.indexOf("expected");
        for (List<Object> v : s.getValues()) {
          if (v.get(mean) == null) {
            continue;
          }
          Object rawMean = raw < 0 ? null : v.get(raw);
          out.add(
              new SeriesPoint(
                  String.valueOf(v.get(key)),
                  Instant.parse(String.valueOf(v.get(time))),
                  ((Number) v.get(mean)).doubleValue(),
                  rawMean == null ? null : ((Number) rawMean).doubleValue(),
                  v.get(count) == null ? 0 : ((Number) v.get(count)).longValue(),
                  v.get(expected) == null ? 0 : ((Number) v.get(expected)).longValue()));
        }
      }
    }
    return out;
  }

  /** Window averages with every stored field (the series API and the page's explorer). */
  public List<SeriesDetail> detail(
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    return SeriesDetail.fromResult(
        query(AverageQuery.selectAll(scope, keys, window, quantity, from, to)));
  }

  /**
   * The points of an index ({@link SeriesIndex}) of the keys, by time; for an index of the worst
   * pollutant the highest value of each window (the others are stale values of a pollutant that was
   * dominant at an earlier emission of that window).
   */
  public List<IndexPoint> indexSeries(
      SeriesIndex index,
      Scope scope,
      Collection<String> keys,
      AverageWindow window,
      Quantity quantity,
      Instant from,
      Instant to) {
    QueryResult r =
        influx.query(new Query(index.select(scope, keys, window, quantity, from, to), database));
    return IndexPoint.highestPerWindow(r);
  }

  /**
   * Hourly sensor means for the impact calculation (the retroactive path): the hourly averages the
   * streams job stored, and, for an hour the raw readings hold more of (readings the streams job
   * found late, or an hour it never averaged), the mean of those raw readings, so late data still
   * counts. {@code expectedPerHour} gives a sensor's expected readings per hour for an hour without
   * a stored average.
   */
  public List<HourlyMean> hourlySensorMeans(
      Collection<String> sensors,
      Quantity quantity,
      Instant from,
      Instant to,
      java.util.function.ToLongFunction<String> expectedPerHour) {
    java.util.Map<String, HourlyMean> byHour = new java.util.LinkedHashMap<>();
    for (SeriesPoint p : series(Scope.SENSOR, sensors, AverageWindow.HOUR, quantity, from, to)) {
      byHour.put(
          p.key() + "@" + p.time(),
          new HourlyMean(p.key(), p.time(), p.mean(), p.count(), p.expected()));
    }
    for (HourlyMean raw : rawHourly(sensors, quantity, from, to)) {
      String k = raw.sensor() + "@" + raw.hourStart();
      HourlyMean stored = byHour.get(k);
      if (stored == null || raw.count() > stored.count()) {
        long expected =
            stored != null ? stored.expected() : expectedPerHour.applyAsLong(raw.sensor());
        byHour.put(
            k, new HourlyMean(raw.sensor(), raw.hourStart(), raw.mean(), raw.count(), expected));
      }
    }
    return List.copyOf(byHour.values());
  }

  /**
   * The raw readings' hourly means (expected count 0), from the configured raw retention policy, or
   * from the database's default policy when InfluxDB has no such policy (a sink run with {@code
   * influx.raw.policy} empty while the planner kept the default).
   */
  private List<HourlyMean> rawHourly(
      Collection<String> sensors, Quantity quantity, Instant from, Instant to) {
    if (sensors.isEmpty()) {
      return List.of();
    }
    QueryResult r =
        raw(policy -> AverageQuery.rawHourly(sensors, quantity, from, to, policy), false);
    List<HourlyMean> out = new ArrayList<>();
    for (QueryResult.Result result : r.getResults()) {
      if (result.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : result.getSeries()) {
        String sensor = s.getTags() == null ? null : s.getTags().get("sensor");
        List<String> cols = s.getColumns();
        int time = cols.indexOf("time");
        int mean = cols.indexOf("mean");
        int count = cols.indexOf("count");
        for (List<Object> v : s.getValues()) {
          if (sensor == null || v.get(mean) == null || v.get(count) == null) {
            continue;
          }
          out.add(
              new HourlyMean(
                  sensor,
                  Instant.parse(String.valueOf(v.get(time))),
                  ((Number) v.get(mean)).doubleValue(),
                  ((Number) v.get(count)).longValue(),
                  0));
        }
      }
    }
    return out;
  }

  /** A sensor's raw readings flagged on {@code quantity} in [from, to), at most {@code limit}. */
  public List<FlaggedReading> flagged(
      String sensor, Quantity quantity, Instant from, Instant to, int limit) {
    return FlaggedReading.of(
        raw(policy -> AverageQuery.flagged(sensor, quantity, from, to, policy, limit)), sensor);
  }

  /** Each sensor's last raw reading (absent: none in the raw retention). */
  public Map<String, Instant> lastReadings(Collection<String> sensors) {
    return HealthQuery.lastOf(raw(policy -> HealthQuery.last(sensors, policy)));
  }

  /** Each sensor's raw readings per local day of {@code zone} in [from, to). */
  public Map<String, Map<java.time.LocalDate, Long>> readingsPerDay(
      Collection<String> sensors, Instant from, Instant to, java.time.ZoneId zone) {
    return HealthQuery.perDayOf(raw(policy -> HealthQuery.perDay(sensors, from, to, zone, policy)));
  }

  /** One sensor's share of values flagged per QA rule over the 24 hours and 7 days before now. */
  public io.airq.planner.health.QaFlagShares qaFlagShares(String sensor, Instant now) {
    Instant day = now.minus(io.airq.planner.health.FlagPeriod.LAST_24H.length());
    Instant week = now.minus(io.airq.planner.health.FlagPeriod.LAST_7D.length());
    return io.airq.planner.health.QaFlagShares.of(
        HealthQuery.valueCountsOf(raw(policy -> HealthQuery.valueCounts(sensor, day, policy))),
        HealthQuery.valueCountsOf(raw(policy -> HealthQuery.valueCounts(sensor, week, policy))),
        HealthQuery.flaggedOf(raw(policy -> HealthQuery.flagged(sensor, week, policy))),
        day);
  }

  /** The registered sensors' raw readings and QA-flagged readings since {@code since}. */
  public io.airq.planner.health.NetworkFlags networkFlags(
      Collection<String> sensors, Instant since) {
    return FlagQuery.of(raw(policy -> FlagQuery.query(sensors, since, policy)));
  }

  /** A query on the raw readings' policy; a database not found reads as no readings. */
  private QueryResult raw(java.util.function.Function<String, String> query) {
    return raw(query, true);
  }

  /**
   * A query on the raw readings' policy, falling back to the database's default policy when
   * InfluxDB has no such policy; any other error is thrown, a database not found too unless {@code
   * noDatabaseIsEmpty}.
   */
  private QueryResult raw(
      java.util.function.Function<String, String> query, boolean noDatabaseIsEmpty) {
    String policy = rawPolicy;
    QueryResult r = influx.query(new Query(query.apply(policy), database));
    String error = r.getError() != null ? r.getError() : firstError(r);
    if (error != null && error.contains("retention policy not found") && !policy.isEmpty()) {
      rawPolicy = "";
      return raw(query, noDatabaseIsEmpty);
    }
    if (error != null && !(noDatabaseIsEmpty && error.contains("database not found"))) {
      throw new IllegalStateException("InfluxDB query failed: " + error);
    }
    return r;
  }

  /** The result of a query on the averages; an error InfluxDB reports for the query is thrown. */
  private QueryResult query(String influxQl) {
    QueryResult r = influx.query(new Query(influxQl, database));
    if (r.hasError()) {
      throw new IllegalStateException("InfluxDB query failed: " + r.getError());
    }
    return r;
  }

  private static String firstError(QueryResult r) {
    if (r.getResults() == null) {
      return null;
    }
    for (QueryResult.Result result : r.getResults()) {
      if (result.hasError()) {
        return result.getError();
      }
    }
    return null;
  }

  @Override
  public void close() {
    influx.close();
  }
}
