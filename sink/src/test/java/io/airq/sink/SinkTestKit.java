package io.airq.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import io.airq.core.topic.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Producing records, querying InfluxDB and waiting, for the sink's integration tests. */
final class SinkTestKit {
  private SinkTestKit() {}

  static CleanReading reading(
      String sensor, Instant t, double pm25, double pm25Raw, List<QaFlag> flags) {
    return new CleanReading(
        sensor,
        t,
        t,
        "gw-1",
        SourceFormat.byId("airq").orElseThrow(),
        new SensorPlace(-1.28, 36.82, "Nairobi CBD", "Moi Ave", "Nairobi", false, null),
        Map.of(Quantity.PM25, new CorrectedValue(pm25Raw, pm25, "us-epa-2021-ext2022")),
        flags);
  }

  /**
   * A sink of its own InfluxDB and group: database created, raw readings in {@code raw_90d},
   * batches of {@code points} or {@code linger}, retries backing off to {@code maxBackoff}.
   */
  static SinkConfig config(
      String influxUrl,
      String db,
      String bootstrap,
      String group,
      String prefix,
      int points,
      Duration linger,
      Duration maxBackoff,
      Map<String, String> kafka) {
    Properties p = new Properties();
    p.setProperty("influx.url", influxUrl);
    p.setProperty("influx.database", db);
    p.setProperty("kafka.bootstrap.servers", bootstrap);
    p.setProperty("kafka.group.id", group);
    p.setProperty("topic.prefix", prefix);
    p.setProperty("batch.points", Integer.toString(points));
    p.setProperty("batch.linger.ms", Long.toString(linger.toMillis()));
    p.setProperty("retry.max.backoff.ms", Long.toString(maxBackoff.toMillis()));
    if (kafka != null) {
      kafka.forEach((k, v) -> p.setProperty("kafka." + k, v));
    }
    return SinkConfig.load(p, Map.of());
  }

  /** A copy with another group id, batch size and linger. */
  static SinkConfig withBatch(SinkConfig c, String group, int points, Duration linger) {
    return new SinkConfig(
        c.influxUrl(),
        c.influxDatabase(),
        c.influxLogin(),
        c.createDatabase(),
        c.rawPolicy(),
        c.rawDuration(),
        c.aggregatePolicy(),
        c.kafkaBootstrap(),
        group,
        c.topicPrefix(),
        points,
        linger,
        c.maxBackoff(),
        c.metricsPort(),
        c.metricsBind(),
        c.kafka(),
        c.webhook());
  }

  /** A copy that serves /health and /metrics on this port. */
  static SinkConfig withMetricsPort(SinkConfig c, int port) {
    return new SinkConfig(
        c.influxUrl(),
        c.influxDatabase(),
        c.influxLogin(),
        c.createDatabase(),
        c.rawPolicy(),
        c.rawDuration(),
        c.aggregatePolicy(),
        c.kafkaBootstrap(),
        c.groupId(),
        c.topicPrefix(),
        c.batchPoints(),
        c.linger(),
        c.maxBackoff(),
        port,
        c.metricsBind(),
        c.kafka(),
        c.webhook());
  }

  /** The sink's /health answer: its HTTP status and its JSON. */
  record Health(int status, JsonNode json) {
    String check(String name) {
      return json.path("checks").path(name).path("status").asText();
    }

    String detail(String name) {
      return json.path("checks").path(name).path("detail").asText();
    }
  }

  static Health health(Sink sink) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + sink.metricsPort() + "/health"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new Health(r.statusCode(), new ObjectMapper().readTree(r.body()));
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  static <V> void send(KafkaProducer<byte[], byte[]> p, Topic<String, V> topic, String key, V v)
      throws Exception {
    p.send(new ProducerRecord<>(topic.name(), topic.serializeKey(key), topic.serializeValue(v)))
        .get(30, TimeUnit.SECONDS);
  }

  static void sendRaw(KafkaProducer<byte[], byte[]> p, String topic, String key, byte[] value)
      throws Exception {
    p.send(new ProducerRecord<>(topic, key.getBytes(), value)).get(30, TimeUnit.SECONDS);
  }

  /** Rows of an InfluxQL query as column -> value maps (tags included with SELECT *). */
  static List<Map<String, Object>> rows(InfluxDB influx, String db, String q) {
    QueryResult r = influx.query(new Query(q, db));
    List<Map<String, Object>> out = new ArrayList<>();
    if (r.hasError() || r.getResults() == null) {
      return out;
    }
    for (QueryResult.Result res : r.getResults()) {
      if (res.hasError() || res.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : res.getSeries()) {
        for (List<Object> row : s.getValues()) {
          Map<String, Object> m = new HashMap<>();
          if (s.getTags() != null) {
            m.putAll(s.getTags());
          }
          for (int i = 0; i < s.getColumns().size(); i++) {
            if (row.get(i) != null) {
              m.put(s.getColumns().get(i), row.get(i));
            }
          }
          out.add(m);
        }
      }
    }
    return out;
  }

  static long count(InfluxDB influx, String db, String q) {
    List<Map<String, Object>> r = rows(influx, db, q);
    return r.isEmpty() ? 0 : Math.round(((Number) r.get(0).get("count")).doubleValue());
  }

  static void await(Duration max, BooleanSupplier ok) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + max);
      }
      Thread.sleep(200);
    }
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int n)
      throws InterruptedException {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < n && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      c.poll(Duration.ofMillis(500)).forEach(got::add);
    }
    return got;
  }
}
