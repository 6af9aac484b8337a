package io.airq.sink;

import static io.airq.sink.SinkTestKit.await;
import static io.airq.sink.SinkTestKit.count;
import static io.airq.sink.SinkTestKit.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.Test;

/** Streams writes its outputs in exactly-once transactions; the sink stores only committed ones. */
@RealServers
class SinkTransactionsIT {

  @Test
  void aReadingFromAnAbortedTransactionIsNeverStored(Servers servers) throws Exception {
    String prefix = servers.newPrefix("sink-tx");
    String db = servers.newDatabase("sink_tx");
    var clean = Topics.CLEAN_READINGS.prefixed(prefix);
    Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    try (var p =
        new KafkaProducer<byte[], byte[]>(
            Map.of(
                "bootstrap.servers",
                servers.kafkaBootstrap(),
                "transactional.id",
                "sink-tx-it-" + prefix),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      p.initTransactions();
      p.beginTransaction();
      p.send(record(clean, "aborted", t, 99.0)).get();
      p.flush();
      p.abortTransaction();
      p.beginTransaction();
      p.send(record(clean, "committed", t, 11.0)).get();
      p.commitTransaction();
    }
    SinkConfig cfg =
        SinkIT.copy(
            SinkTestKit.withBatch(
                SinkConfig.load(new Properties(), Map.of()),
                "sink-tx-" + prefix,
                5000,
                Duration.ofMillis(300)),
            servers,
            db,
            prefix);
    try (Sink sink = Sink.start(cfg);
        InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      await(
          Duration.ofSeconds(60),
          () -> count(influx, db, "SELECT count(pm25) FROM raw_90d.reading") >= 1);
      // a batch after the committed one has been written: the aborted record was read past
      Thread.sleep(2000);
      assertThat(
              count(influx, db, "SELECT count(pm25) FROM raw_90d.reading WHERE sensor = 'aborted'"))
          .isZero();
      assertThat(
              count(
                  influx, db, "SELECT count(pm25) FROM raw_90d.reading WHERE sensor = 'committed'"))
          .isEqualTo(1);
    }
  }

  private static ProducerRecord<byte[], byte[]> record(
      io.airq.core.topic.Topic<String, io.airq.core.reading.CleanReading> topic,
      String sensor,
      Instant t,
      double pm25) {
    return new ProducerRecord<>(
        topic.name(),
        topic.serializeKey(sensor),
        topic.serializeValue(reading(sensor, t, pm25, pm25 * 2, List.of())));
  }
}
