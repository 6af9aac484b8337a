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

  PipelineHarness(Servers servers, String name) {
    this.servers = servers;
    this.prefix = servers.newPrefix(name);
    this.database = servers.newDatabase(name);
    this.settings =
        new Pipeline.Settings(
            servers.mqttUrl(),
            servers.kafkaBootstrap(),
            servers.influxUrl(),
            database,
            prefix,
            0,
            0,
            servers.newDirectory(name + "-streams-state"));
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

  /** Dead-letter reason codes with their counts, and one example reason per code. */
  java.util.Map<String, String> deadLetterReasons() {
    return deadLetterReasons(
        io.airq.core.topic.Topics.READINGS_DEAD_LETTER.prefixed(prefix).name());
  }

  java.util.Map<String, String> deadLetterReasons(String topic) {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", servers.kafkaBootstrap());
    p.put("group.id", "e2e-dlt-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    java.util.Map<String, String> example = new java.util.TreeMap<>();
    try (var c =
        new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
            p,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(500))) {
          var code = r.headers().lastHeader(io.airq.core.topic.RecordHeaders.REASON_CODE);
          var reason = r.headers().lastHeader(io.airq.core.topic.RecordHeaders.REASON);
          String k = code == null ? "?" : new String(code.value());
          counts.merge(k, 1L, Long::sum);
          example.putIfAbsent(k, reason == null ? "" : new String(reason.value()));
        }
      }
    }
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v + " e.g. " + example.get(k)));
    return out;
  }

  /** Records a consumer group has not yet committed, over every partition it has offsets for. */
  long lag(String groupId) {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", servers.kafkaBootstrap());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
      var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      if (committed.isEmpty()) {
        return Long.MAX_VALUE;
      }
      java.util.Map<
              org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          req = new java.util.HashMap<>();
      committed
          .keySet()
          .forEach(tp -> req.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
      var ends = admin.listOffsets(req).all().get();
      long lag = 0;
      for (var e : committed.entrySet()) {
        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the lag of " + groupId, e);
    }
  }

  /**
   * Waits until the streams job and the sink have caught up: both groups' lag stays steady at no
   * more than the transaction markers for {@code quiet}.
   */
  void awaitDrained(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long calmSince = -1;
    long lastSink = -1;
    while (System.nanoTime() < deadline) {
      long streams = lag(settings.streamsApplicationId());
      long sink = lag(settings.sinkGroupId());
      // The sink reads transactional topics: when idle, its committed offset on each partition
      // stops one short of the end (the commit marker), so a steady small lag is "caught up".
      boolean calm = streams <= 8 && sink <= 64 && sink == lastSink;
      lastSink = sink;
      if (!calm) {
        calmSince = -1;
      } else if (calmSince < 0) {
        calmSince = System.nanoTime();
      } else if (System.nanoTime() - calmSince >= quiet.toNanos()) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "the pipeline did not drain within "
            + timeout
            + ": streams lag "
            + lag(settings.streamsApplicationId())
            + ", sink lag "
            + lag(settings.sinkGroupId()));
  }

  /** Per airq topic, the sum of its partitions' end offsets (records, plus transaction markers). */
  java.util.Map<String, Long> topicEndOffsets() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", servers.kafkaBootstrap());
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
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
