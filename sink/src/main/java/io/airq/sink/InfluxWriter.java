package io.airq.sink;

import io.airq.kit.Check;
import java.io.Closeable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes line-protocol lines over the v1 {@code /write} endpoint (gzip at its fastest level, {@link
 * FastGzip}) and tells bad points (permanent) from an outage (retried), as {@link InfluxAnswer}
 * classifies InfluxDB's answer.
 */
final class InfluxWriter implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);

  /** InfluxDB refused the points themselves (400, 422); writing them again will not help. */
  static final class BadPoints extends Exception {
    BadPoints(String reason) {
      super(reason, null, false, false);
    }
  }

  /** InfluxDB could not be reached or could not take the write now; try again later. */
  static final class Unavailable extends Exception {
    /** InfluxDB refused new series: a limit of its configuration, which only its operator lifts. */
    final boolean limit;

    Unavailable(String reason, Throwable cause) {
      this(reason, cause, false);
    }

    Unavailable(String reason, Throwable cause, boolean limit) {
      super(reason, cause, false, false);
      this.limit = limit;
    }
  }

  private final InfluxDB influx;
  private final String database;
  private final ThreadLocal<int[]> lastStatus = ThreadLocal.withInitial(() -> new int[1]);
  private final String login;

  /** InfluxDB's words when it last refused the sink's credentials (401, 403); null since a 2xx. */
  private volatile String refusal;

  InfluxWriter(SinkConfig cfg) {
    this.database = cfg.influxDatabase();
    this.login = cfg.influxLogin().settings();
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .writeTimeout(30, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .addInterceptor(
                chain -> {
                  lastStatus.get()[0] = 0;
                  var response = chain.proceed(chain.request());
                  lastStatus.get()[0] = response.code();
                  if (response.code() == 401 || response.code() == 403) {
                    refusal = InfluxAnswer.refusal(response.peekBody(512).string());
                  } else if (response.isSuccessful()
                      && !chain.request().url().encodedPath().endsWith("/ping")) {
                    // a ping needs no credentials: only a write or query shows they are taken
                    refusal = null;
                  }
                  return response;
                })
            .addInterceptor(new FastGzip());
    this.influx = cfg.influxLogin().connect(cfg.influxUrl(), http);
  }

  /** Creates the database and the retention policies; idempotent. */
  void createDatabase(SinkConfig cfg) {
    String db = quoteIdent(database);
    run("CREATE DATABASE " + db);
    if (!cfg.rawPolicy().isEmpty()) {
      String rp = quoteIdent(cfg.rawPolicy());
      String duration = cfg.rawDuration();
      QueryResult r =
          run(
              "CREATE RETENTION POLICY "
                  + rp
                  + " ON "
                  + db
                  + " DURATION "
                  + duration
                  + " REPLICATION 1");
      if (r.hasError() || r.getResults().stream().anyMatch(x -> x.hasError())) {
        run("ALTER RETENTION POLICY " + rp + " ON " + db + " DURATION " + duration);
      }
    }
    if (!cfg.aggregatePolicy().isEmpty()) {
      run(
          "CREATE RETENTION POLICY "
              + quoteIdent(cfg.aggregatePolicy())
              + " ON "
              + db
              + " DURATION INF REPLICATION 1");
    }
    log.info(
        "InfluxDB database {} ready (raw policy '{}' {}, aggregates in '{}')",
        database,
        cfg.rawPolicy(),
        cfg.rawDuration(),
        cfg.aggregatePolicy().isEmpty() ? "the default policy" : cfg.aggregatePolicy());
  }

  private QueryResult run(String q) {
    QueryResult r = influx.query(new Query(q));
    if (r.hasError()) {
      log.debug("{}: {}", q, r.getError());
    }
    return r;
  }

  /** Writes the lines into the policy (null or empty = the database default). */
  void write(String policy, List<String> lines) throws BadPoints, Unavailable {
    if (lines.isEmpty()) {
      return;
    }
    try {
      influx.write(
          database,
          policy == null || policy.isEmpty() ? null : policy,
          InfluxDB.ConsistencyLevel.ONE,
          TimeUnit.NANOSECONDS,
          lines);
    } catch (InfluxDBIOException e) {
      throw new Unavailable("InfluxDB unreachable: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      int status = lastStatus.get()[0];
      switch (InfluxAnswer.of(status, e.getMessage())) {
        case BAD_POINTS -> throw new BadPoints(String.valueOf(e.getMessage()));
        case SERIES_LIMIT ->
            throw new Unavailable(
                "InfluxDB refuses new series, a limit of its configuration is reached ("
                    + e.getMessage()
                    + "); set max-series-per-database = 0 and max-values-per-tag = 0 in the [data]"
                    + " section of influxdb.conf (INFLUXDB_DATA_MAX_SERIES_PER_DATABASE,"
                    + " INFLUXDB_DATA_MAX_VALUES_PER_TAG) and restart it; nothing is dropped"
                    + " meanwhile",
                e,
                true);
        case RETRIABLE ->
            throw new Unavailable(
                status == 401 || status == 403
                    ? refused() + "; nothing is dropped meanwhile"
                    : "InfluxDB answered " + status + ": " + e.getMessage(),
                e);
      }
    }
  }

  /** Since InfluxDB last refused the sink's credentials, which and why; null when it took them. */
  String refused() {
    String r = refusal;
    return r == null ? null : "InfluxDB refused the sink's credentials (" + login + "): " + r;
  }

  /**
   * Whether InfluxDB answers {@code /ping}, with its version, and took the sink's credentials at
   * its last refusal or since (a ping needs none).
   */
  Check ping() {
    try {
      Pong pong = influx.ping();
      String refused = refused();
      if (pong.isGood() && refused != null) {
        return Check.down(refused + "; the sink waits, nothing is dropped");
      }
      return pong.isGood()
          ? Check.up("InfluxDB " + pong.getVersion() + " answers /ping")
          : Check.down("/ping answered without a version");
    } catch (RuntimeException e) {
      return Check.down("no answer to /ping: " + e.getClass().getSimpleName());
    }
  }

  static String quoteIdent(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    influx.close();
  }
}
