package io.airq.sink;

import static io.airq.sink.SinkTestKit.await;
import static io.airq.sink.SinkTestKit.count;
import static io.airq.sink.SinkTestKit.reading;
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

/**
 * InfluxDB 1.x refuses new series once a database reaches {@code max-series-per-database} or a tag
 * {@code max-values-per-tag} (defaults 1,000,000 and 100,000: a city of 100,000 sensors reaches
 * both). Such points are valid, so the sink waits for the operator to lift the limit instead of
 * dead-lettering every new sensor's data.
 */
@RealServers
class SinkLimitIT {
  static final int SENSORS = 8;
  static final int MINUTES = 20;
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

  @Test
  void aSeriesLimitReachedIsWaitedOutAndNothingIsDeadLettered(Servers servers) throws Exception {
    String prefix = servers.newPrefix("sink-limit");
    // the sensor tag may take 3 values: 5 of the 8 sensors are refused until the limit is lifted
    InfluxServer own =
        InfluxServer.start(servers.newDirectory("influx"), 0, Map.of("max-values-per-tag", "3"));
    String db = "limit";
    SinkConfig cfg =
        SinkTestKit.config(
            own.endpoint(),
            db,
            servers.kafkaBootstrap(),
            "sink-limit",
            prefix,
            50,
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Map.of());
    var topic = Topics.CLEAN_READINGS.prefixed(prefix);
    try (KafkaProducer<byte[], byte[]> p = SinkTestKit.producer(servers.kafkaBootstrap());
        InfluxDB influx = InfluxDBFactory.connect(own.endpoint());
        Sink sink = Sink.start(cfg)) {
      // InfluxDB checks the limit against the values stored before a write: three sensors first
      produce(p, topic, 0, 3);
      await(Duration.ofSeconds(60), () -> total(influx, db) == 3 * MINUTES);
      produce(p, topic, 3, SENSORS);
      await(
          Duration.ofSeconds(60), () -> sink.registry().counter("airq.sink.retries").count() >= 3);
      assertThat(sink.isRunning()).isTrue();
      assertThat(sink.state()).isEqualTo("influx-limit");
      assertThat(sensors(influx, db)).isEqualTo(3);
      assertThat(deadLettered(sink)).isZero();

      // the operator lifts the limit and restarts InfluxDB: every reading lands, once
      own.stop();
      own.dataSetting("max-values-per-tag", "0").start();
      await(Duration.ofSeconds(90), () -> total(influx, db) == SENSORS * MINUTES);
      assertThat(sensors(influx, db)).isEqualTo(SENSORS);
      assertThat(deadLettered(sink)).isZero();
      assertThat(sink.state()).isEqualTo("running");
      for (int s = 0; s < SENSORS; s++) {
        assertThat(
                count(
                    influx,
                    db,
                    "SELECT count(pm25) FROM raw_90d.reading WHERE sensor = 's-" + s + "'"))
            .as("readings of s-%d", s)
            .isEqualTo(MINUTES);
      }
    } finally {
      own.stop();
    }
  }

  private static void produce(
      KafkaProducer<byte[], byte[]> p,
      io.airq.core.topic.Topic<String, io.airq.core.reading.CleanReading> topic,
      int fromSensor,
      int toSensor)
      throws Exception {
    for (int i = 0; i < MINUTES; i++) {
      for (int s = fromSensor; s < toSensor; s++) {
        String id = "s-" + s;
        send(p, topic, id, reading(id, T0.plus(Duration.ofMinutes(i)), s + i, s + i, List.of()));
      }
    }
  }

  private static double deadLettered(Sink sink) {
    return sink.registry().counter("airq.sink.points", "outcome", "dead-lettered").count();
  }

  private static long sensors(InfluxDB influx, String db) {
    return SinkTestKit.rows(influx, db, "SELECT count(pm25) FROM raw_90d.reading GROUP BY sensor")
        .size();
  }

  private static long total(InfluxDB influx, String db) {
    try {
      return count(influx, db, "SELECT count(pm25) FROM raw_90d.reading");
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
