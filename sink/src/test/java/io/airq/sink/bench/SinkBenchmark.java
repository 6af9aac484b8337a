package io.airq.sink.bench;

import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import io.airq.core.topic.Topics;
import io.airq.devstack.InfluxServer;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.TopicSetup;
import io.airq.sink.FastGzip;
import io.airq.sink.Sink;
import io.airq.sink.SinkConfig;
import io.airq.sink.line.PointMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * Prints the sink's points/s beside the raw line-protocol write rate of the same InfluxDB, measured
 * in the same run. Not a test. Usage: {@code SinkBenchmark [points]} (default 200000); starts its
 * own Kafka and InfluxDB unless AIRQ_KAFKA_BOOTSTRAP and AIRQ_INFLUX_URL are set.
 */
public final class SinkBenchmark {
  private SinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int sensors = 100;
    Path dir = Files.createTempDirectory("airq-sink-bench");
    String bootstrap = System.getenv("AIRQ_KAFKA_BOOTSTRAP");
    String influxUrl = System.getenv("AIRQ_INFLUX_URL");
    KafkaBroker kafka = null;
    InfluxServer influx = null;
    if (bootstrap == null) {
      kafka = KafkaBroker.start(dir.resolve("kafka"), 0);
      bootstrap = kafka.endpoint();
    }
    if (influxUrl == null) {
      influx = InfluxServer.start(dir.resolve("influx"), 0);
      influxUrl = influx.endpoint();
    }
    try {
      String prefix = "bench-" + System.currentTimeMillis() + ".";
      TopicSetup.createAll(bootstrap, prefix, 4);
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));
      List<CleanReading> readings = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String s = "bench-" + (i % sensors);
        readings.add(
            new CleanReading(
                s,
                t0.plusSeconds(i / sensors),
                t0,
                "gw",
                SourceFormat.byId("airq").orElseThrow(),
                new SensorPlace(0, 0, "Bench Area", "", "Bench", false, null),
                Map.of(
                    Quantity.PM25,
                    new CorrectedValue(10 + i % 7, 9 + i % 5, "us-epa-2021-ext2022"),
                    Quantity.PM10,
                    CorrectedValue.uncorrected(20 + i % 11)),
                List.of()));
      }

      // Raw: the same lines, 5000 per write, one connection, gzip as the sink writes it.
      List<String> lines = new ArrayList<>(n);
      for (CleanReading r : readings) {
        lines.add(((io.airq.sink.line.LineResult.Lines) PointMapper.reading(r)).lines().get(0));
      }
      double raw;
      try (InfluxDB db =
          InfluxDBFactory.connect(
              influxUrl, new okhttp3.OkHttpClient.Builder().addInterceptor(new FastGzip()))) {
        db.query(new Query("CREATE DATABASE bench_raw"));
        long start = System.nanoTime();
        for (int i = 0; i < n; i += 5000) {
          db.write(
              "bench_raw",
              null,
              InfluxDB.ConsistencyLevel.ONE,
              TimeUnit.NANOSECONDS,
              lines.subList(i, Math.min(n, i + 5000)));
        }
        raw = n / ((System.nanoTime() - start) / 1e9);
      }

      // Sink: the readings in Kafka first, then the time the sink takes to write them all.
      Properties pp = new Properties();
      pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      pp.put(ProducerConfig.LINGER_MS_CONFIG, "20");
      pp.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
      var topic = Topics.CLEAN_READINGS.prefixed(prefix);
      try (KafkaProducer<byte[], byte[]> p =
          new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (CleanReading r : readings) {
          p.send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(r.sensorId()), topic.serializeValue(r)));
        }
        p.flush();
      }
      SinkConfig cfg = SinkConfig.of(influxUrl, "bench_sink", bootstrap, prefix);
      long start = System.nanoTime();
      long firstWrite = 0;
      try (Sink sink = Sink.start(cfg)) {
        double written;
        while ((written = sink.registry().counter("airq.sink.points", "outcome", "written").count())
            < n) {
          if (written > 0 && firstWrite == 0) {
            firstWrite = System.nanoTime();
          }
          Thread.sleep(5);
        }
      }
      long end = System.nanoTime();
      double viaSink = n / ((end - start) / 1e9);
      double steady = n / ((end - firstWrite) / 1e9);
      System.out.printf(
          "points=%d raw line protocol: %.0f points/s; sink (Kafka -> InfluxDB): %.0f points/s"
              + " (%.0f %% of raw) including start and group join, %.0f points/s (%.0f %%)"
              + " from its first written batch%n",
          n, raw, viaSink, 100 * viaSink / raw, steady, 100 * steady / raw);
    } finally {
      if (kafka != null) {
        kafka.stop();
      }
      if (influx != null) {
        influx.stop();
      }
    }
  }
}
