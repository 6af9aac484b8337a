package io.airq.sink;

import static io.airq.sink.SinkTestKit.await;
import static io.airq.sink.SinkTestKit.count;
import static io.airq.sink.SinkTestKit.reading;
import static io.airq.sink.SinkTestKit.rows;
import static io.airq.sink.SinkTestKit.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.Topics;
import io.airq.devstack.InfluxServer;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.Test;

@RealServers
class SinkOutageIT {
  static final int SENSORS = 10;
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

  @Test
  void influxStoppedMidStreamAndSinkKilledMidBatchLoseNothingAndDuplicateNothing(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("sink-outage");
    InfluxServer own = InfluxServer.start(servers.newDirectory("influx"), 0);
    String db = "outage";
    SinkConfig cfg =
        SinkTestKit.config(
            own.endpoint(),
            db,
            servers.kafkaBootstrap(),
            "sink-outage",
            prefix,
            200,
            Duration.ofMillis(200),
            Duration.ofSeconds(4),
            Map.of("max.poll.records", "100"));
    var topic = Topics.CLEAN_READINGS.prefixed(prefix);
    try (KafkaProducer<byte[], byte[]> p = SinkTestKit.producer(servers.kafkaBootstrap());
        InfluxDB influx = InfluxDBFactory.connect(own.endpoint())) {
      Sink sink = Sink.start(SinkTestKit.withMetricsPort(cfg, SinkIT.freePort()));
      try {
        produce(p, topic, 0, 50);
        await(Duration.ofSeconds(60), () -> total(influx, db) == 50 * SENSORS);

        own.stop();
        produce(p, topic, 50, 100);
        Thread.sleep(20_000);
        assertThat(sink.registry().counter("airq.sink.retries").count()).isPositive();
        // /health says what is wrong: InfluxDB down, the sink running and retrying
        SinkTestKit.Health down = SinkTestKit.health(sink);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.check("influxdb")).isEqualTo("DOWN");
        assertThat(down.check("kafka")).isEqualTo("UP");
        assertThat(down.check("sink")).isEqualTo("UP");
        assertThat(down.detail("sink")).startsWith("retrying");
        assertThat(sink.registry().get("airq.sink.buffered.points").gauge().value())
            .isLessThanOrEqualTo(200 + 100);
        assertThat(sink.isRunning()).isTrue();
        own.start();
        await(Duration.ofSeconds(60), () -> total(influx, db) == 100 * SENSORS);
        assertThat(SinkTestKit.health(sink).status()).isEqualTo(200);
        // the retry after the outage wrote the failed batch and what was read before the pause
        // (more than batch.points together) in writes of at most batch.points
        var writes = sink.registry().get("airq.sink.batch.points").summary();
        assertThat(writes.count()).isPositive();
        assertThat(writes.max()).isLessThanOrEqualTo(200);
      } finally {
        sink.close();
      }

      // A sink that buffered records and died before writing them: the next one writes them.
      produce(p, topic, 100, 130);
      Sink doomed =
          Sink.start(SinkTestKit.withBatch(cfg, "sink-outage", 100_000, Duration.ofMinutes(5)));
      await(
          Duration.ofSeconds(60),
          () -> doomed.registry().get("airq.sink.buffered.points").gauge().value() == 30 * SENSORS);
      doomed.halt();
      assertThat(total(influx, db)).isEqualTo(100 * SENSORS);
      try (Sink again = Sink.start(cfg)) {
        await(Duration.ofSeconds(60), () -> total(influx, db) == 130 * SENSORS);
      }

      List<Map<String, Object>> perSensor =
          rows(
              influx,
              db,
              "SELECT count(pm25), sum(pm25), sum(pm25_raw) FROM raw_90d.reading GROUP BY sensor");
      assertThat(perSensor).hasSize(SENSORS);
      for (Map<String, Object> r : perSensor) {
        int s = Integer.parseInt(((String) r.get("sensor")).substring("s-".length()));
        assertThat(r.get("count")).isEqualTo(130.0);
        double sum = 0;
        double sumRaw = 0;
        for (int i = 0; i < 130; i++) {
          sum += value(s, i);
          sumRaw += value(s, i) * 2;
        }
        assertThat((Double) r.get("sum")).isEqualTo(sum);
        assertThat((Double) r.get("sum_1")).isEqualTo(sumRaw);
      }
      assertThat(
              count(
                  influx,
                  db,
                  "SELECT count(pm25) FROM raw_90d.reading WHERE sensor = 's-3' AND time = '"
                      + T0.plus(Duration.ofMinutes(77))
                      + "'"))
          .isEqualTo(1);
      assertThat(
              rows(
                      influx,
                      db,
                      "SELECT pm25 FROM raw_90d.reading WHERE sensor = 's-3' AND time = '"
                          + T0.plus(Duration.ofMinutes(77))
                          + "'")
                  .get(0)
                  .get("pm25"))
          .isEqualTo(value(3, 77));
    } finally {
      own.stop();
    }
  }

  static double value(int sensor, int i) {
    return sensor * 100 + i * 0.5;
  }

  static void produce(
      KafkaProducer<byte[], byte[]> p,
      io.airq.core.topic.Topic<String, io.airq.core.reading.CleanReading> topic,
      int from,
      int to)
      throws Exception {
    for (int i = from; i < to; i++) {
      for (int s = 0; s < SENSORS; s++) {
        String id = "s-" + s;
        send(
            p,
            topic,
            id,
            reading(id, T0.plus(Duration.ofMinutes(i)), value(s, i), value(s, i) * 2, List.of()));
      }
    }
  }

  static long total(InfluxDB influx, String db) {
    try {
      return count(influx, db, "SELECT count(pm25) FROM raw_90d.reading");
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
