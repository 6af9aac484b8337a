package io.airq.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.app.Pipeline;
import io.airq.core.json.Json;
import io.airq.devstack.junit.Servers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** The whole pipeline on the test JVM's real servers, in its own topic prefix and database. */
final class PipelineHarness implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final Servers servers;
  final String prefix;
  final String database;
  final Pipeline pipeline;
  final Pipeline.Settings settings;
  final InfluxDB influx;

  /**
   * The suites' {@code emit.interval}: shorter than the default, so that {@link #awaitCaughtUp}
   * settles sooner (two intervals). What is emitted does not depend on it, only when.
   */
  static final Duration SUITE_EMIT_INTERVAL = Duration.ofSeconds(5);

  PipelineHarness(Servers servers, String name) {
    this(servers, name, SUITE_EMIT_INTERVAL);
  }

  /** With this {@code emit.interval} (null: the default, as the benchmark runs it). */
  PipelineHarness(Servers servers, String name, Duration emitInterval) {
    this(servers, name, emitInterval, null);
  }

  /** With this {@code emit.interval} and streams {@code day.zone} (null: the defaults). */
  PipelineHarness(Servers servers, String name, Duration emitInterval, String dayZone) {
    this.servers = servers;
    this.prefix = servers.newPrefix(name);
    this.database = servers.newDatabase(name);
    this.settings =
        Pipeline.Settings.builder()
            .mqttUrl(servers.mqttUrl())
            .kafkaBootstrap(servers.kafkaBootstrap())
            .influxUrl(servers.influxUrl())
            .influxDatabase(database)
            .topicPrefix(prefix)
            .stateDir(servers.newDirectory(name + "-streams-state"))
            .emitInterval(emitInterval)
            .dayZone(dayZone)
            .build();
    this.pipeline = Pipeline.start(settings, System.err);
    this.influx = InfluxDBFactory.connect(servers.influxUrl());
  }

  /** A single number from an InfluxQL query (0 when there are no rows). */
  long count(String influxQl) {
    QueryResult r = influx.query(new Query(influxQl, database));
    if (r.getResults() == null || r.getResults().isEmpty()) {
      return 0;
    }
    QueryResult.Result first = r.getResults().get(0);
    if (first.getError() != null) {
      if (first.getError().contains("database not found")) {
        return 0;
      }
      throw new IllegalStateException(first.getError() + " in " + influxQl);
    }
    if (first.getSeries() == null) {
      return 0;
    }
    long total = 0;
    for (QueryResult.Series s : first.getSeries()) {
      for (List<Object> row : s.getValues()) {
        total += ((Number) row.get(1)).longValue();
      }
    }
    return total;
  }

  /**
   * Registers sensors and closures and waits until the planner lists the sensors, so that no
   * reading reaches the streams job before its sensor (it would be quarantined as unknown).
   */
  void register(
      List<io.airq.core.registry.Sensor> sensors, List<io.airq.core.closure.Closure> closures)
      throws InterruptedException {
    io.airq.simulator.publish.Registrar.register(
        servers.kafkaBootstrap(), prefix, sensors, closures);
    awaitSettled(
        () -> {
          try {
            return getJson("/api/sensors").size();
          } catch (Exception e) {
            return 0;
          }
        },
        Duration.ofSeconds(2),
        Duration.ofSeconds(60));
  }

  /** What {@link #areaMeansAgainstSensorMeans} compared. */
  record AreaCheck(int areaHours, int mostSensors, double worst, List<String> mismatches) {
    String summary(String quantity) {
      return String.format(
          "%d area-hours of %s (up to %d valid sensors each) against their sensors' hourly means:"
              + " largest difference %.2e, %d mismatches %s",
          areaHours,
          quantity,
          mostSensors,
          worst,
          mismatches.size(),
          mismatches.stream().limit(5).toList());
    }
  }

  /**
   * Compares every stored hourly area mean of {@code quantity} with the mean of the stored hourly
   * means of that area's sensors whose coverage reaches {@code gate}, and its count with their
   * summed counts; an area-hour with valid sensors must have an area mean, and one without must
   * not.
   */
  AreaCheck areaMeansAgainstSensorMeans(String quantity, double gate) {
    String where = " WHERE \"window\" = '1h' AND quantity = '" + quantity + "'";
    Map<String, double[]> want = new TreeMap<>(); // area@time -> {sum of means, sensors, count}
    for (Row r :
        rows(
            "SELECT \"mean\", \"coverage\", \"count\" FROM average"
                + where
                + " AND scope = 'sensor' GROUP BY \"area\"")) {
      if (r.tags.getOrDefault("area", "").isEmpty() || r.values[1] < gate) {
        continue;
      }
      double[] w = want.computeIfAbsent(r.tags.get("area") + "@" + r.time, k -> new double[3]);
      w[0] += r.values[0];
      w[1]++;
      w[2] += r.values[2];
    }
    Map<String, double[]> got = new TreeMap<>();
    for (Row r :
        rows(
            "SELECT \"mean\", \"count\" FROM average"
                + where
                + " AND scope = 'area' GROUP BY \"key\"")) {
      got.put(r.tags.get("key") + "@" + r.time, r.values);
    }
    List<String> bad = new java.util.ArrayList<>();
    double worst = 0;
    int most = 0;
    for (Map.Entry<String, double[]> e : want.entrySet()) {
      double[] w = e.getValue();
      double[] g = got.get(e.getKey());
      most = Math.max(most, (int) w[1]);
      double mean = w[0] / w[1];
      if (g == null) {
        bad.add(e.getKey() + ": no area mean, sensors' mean " + mean);
        continue;
      }
      worst = Math.max(worst, Math.abs(g[0] - mean));
      if (Math.abs(g[0] - mean) > 1e-6 * Math.max(1, Math.abs(mean)) || g[1] != w[2]) {
        bad.add(
            e.getKey()
                + ": area mean "
                + g[0]
                + " count "
                + g[1]
                + ", sensors "
                + mean
                + " / "
                + w[2]);
      }
    }
    for (String k : got.keySet()) {
      if (!want.containsKey(k)) {
        bad.add(k + ": an area mean without a valid sensor mean");
      }
    }
    return new AreaCheck(want.size(), most, worst, bad);
  }

  private record Row(Map<String, String> tags, long time, double[] values) {}

  /**
   * The rows of a query grouped by {@code tag}, keyed {@code <tag value>|<epoch ms>}, with the
   * numeric columns after time.
   */
  Map<String, double[]> byTagAndTime(String influxQl, String tag) {
    Map<String, double[]> out = new java.util.HashMap<>();
    for (Row r : rows(influxQl)) {
      out.put(r.tags().getOrDefault(tag, "") + "|" + r.time(), r.values());
    }
    return out;
  }

  /** The rows of a query whose columns after time are numbers, with their series' tags. */
  private List<Row> rows(String influxQl) {
    QueryResult r = influx.query(new Query(influxQl, database), TimeUnit.MILLISECONDS);
    QueryResult.Result first = r.getResults().get(0);
    if (first.getError() != null) {
      throw new IllegalStateException(first.getError() + " in " + influxQl);
    }
    List<Row> out = new java.util.ArrayList<>();
    if (first.getSeries() == null) {
      return out;
    }
    for (QueryResult.Series s : first.getSeries()) {
      Map<String, String> tags = s.getTags() == null ? Map.of() : s.getTags();
      for (List<Object> row : s.getValues()) {
        double[] v = new double[row.size() - 1];
        for (int i = 1; i < row.size(); i++) {
          v[i - 1] = row.get(i) == null ? Double.NaN : ((Number) row.get(i)).doubleValue();
        }
        out.add(new Row(tags, ((Number) row.get(0)).longValue(), v));
      }
    }
    return out;
  }

  /**
   * An InfluxQL time condition covering every point of {@code field} in {@code from} (a
   * measurement, possibly with its retention policy), whole hours.
   */
  String timeSpan(String field, String from) {
    long[] t = new long[2];
    String[] f = {"first", "last"};
    for (int i = 0; i < 2; i++) {
      String q = "SELECT " + f[i] + "(" + field + ") FROM " + from;
      QueryResult.Result r =
          influx.query(new Query(q, database), TimeUnit.MILLISECONDS).getResults().get(0);
      if (r.getError() != null || r.getSeries() == null) {
        throw new IllegalStateException("no points from " + q + ": " + r.getError());
      }
      t[i] = ((Number) r.getSeries().get(0).getValues().get(0).get(0)).longValue();
    }
    long hour = 3_600_000L;
    return "time >= " + Math.floorDiv(t[0], hour) * hour + "ms AND time <= " + t[1] + "ms";
  }

  /**
   * The non-empty hour buckets of an InfluxQL {@code SELECT count(..) ... GROUP BY time(1h), "tag"}
   * query, as tag value -> bucket starts (epoch milliseconds).
   */
  Map<String, SortedSet<Long>> hours(String influxQl, String tag) {
    QueryResult r = influx.query(new Query(influxQl, database), TimeUnit.MILLISECONDS);
    Map<String, SortedSet<Long>> out = new TreeMap<>();
    QueryResult.Result first = r.getResults().get(0);
    if (first.getError() != null) {
      throw new IllegalStateException(first.getError() + " in " + influxQl);
    }
    if (first.getSeries() == null) {
      return out;
    }
    for (QueryResult.Series s : first.getSeries()) {
      for (List<Object> row : s.getValues()) {
        if (row.get(1) != null && ((Number) row.get(1)).longValue() > 0) {
          out.computeIfAbsent(s.getTags().get(tag), k -> new TreeSet<>())
              .add(((Number) row.get(0)).longValue());
        }
      }
    }
    return out;
  }

  /** Waits until {@code value} has not changed for {@code quiet}; returns the settled value. */
  static long awaitSettled(LongSupplier value, Duration quiet, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long v = value.getAsLong();
      if (v != last) {
        last = v;
        since = System.nanoTime();
      } else if (v > 0 && System.nanoTime() - since >= quiet.toNanos()) {
        return v;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("value did not settle within " + timeout + "; last " + last);
  }

  JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(pipeline.plannerUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(pipeline.plannerUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Waits until streams and sink have caught up (see {@link Pipeline#awaitCaughtUp}). */
  Pipeline.CaughtUp awaitDrained(Duration quiet, Duration timeout) throws InterruptedException {
    return pipeline.awaitCaughtUp(quiet, timeout, System.err);
  }

  /** Per airq topic, the sum of its partitions' end offsets (records, plus transaction markers). */
  java.util.Map<String, Long> topicEndOffsets() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", servers.kafkaBootstrap());
    java.util.Map<String, Long> out = new TreeMap<>();
    try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
      var names =
          admin.listTopics().names().get().stream().filter(n -> n.startsWith(prefix)).toList();
      var desc = admin.describeTopics(names).allTopicNames().get();
      java.util.Map<
              org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          req = new java.util.HashMap<>();
      desc.forEach(
          (n, d) ->
              d.partitions()
                  .forEach(
                      tp ->
                          req.put(
                              new org.apache.kafka.common.TopicPartition(n, tp.partition()),
                              org.apache.kafka.clients.admin.OffsetSpec.latest())));
      admin
          .listOffsets(req)
          .all()
          .get()
          .forEach(
              (tp, r) -> out.merge(tp.topic().substring(prefix.length()), r.offset(), Long::sum));
    }
    return out;
  }

  @Override
  public void close() {
    pipeline.close();
    influx.close();
  }
}
