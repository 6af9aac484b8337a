package io.airq.e2e;

import io.airq.simulator.load.LoadGenerator;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.sink.FastGzip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * What each server does on its own on this machine, with the same payloads and clients the pipeline
 * uses: the limits the pipeline's stages are compared with. Each returns messages, records or
 * points per second.
 */
final class RawRates {
  private RawRates() {}

  /** Paho QoS 1 publish (at most {@code window} unacknowledged) to a QoS 1 subscriber. */
  static double mqtt(String url, int messages, int window) throws Exception {
    CountDownLatch all = new CountDownLatch(messages);
    MqttClient sub = new MqttClient(url, "bench-raw-sub-" + UUID.randomUUID(), null);
    sub.setCallback(new Counting(all));
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setReceiveMaximum(65535);
    sub.connect(o);
    sub.subscribe("bench/raw/#", 1);
    long t0 = System.nanoTime();
    try (MqttPublisher pub =
        new MqttPublisher(url, "bench-raw-pub-" + UUID.randomUUID(), null, null, 1, window)) {
      for (int i = 0; i < messages; i++) {
        pub.publish(
            "bench/raw/load-" + (i % 1000),
            LoadGenerator.payload("load-" + (i % 1000), Instant.now(), i));
      }
      if (!all.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException(
            "raw MQTT: only " + (messages - all.getCount()) + " of " + messages + " arrived");
      }
    } finally {
      sub.disconnect();
      sub.close();
    }
    return messages / seconds(t0);
  }

  /** An idempotent acks=all producer (the bridge's settings) to a fresh 4-partition topic. */
  static double kafkaProducer(String bootstrap, String topic, int records) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
    }
    byte[] value = LoadGenerator.payload("load-1", Instant.now(), 1);
    long t0 = System.nanoTime();
    try (var p =
        new KafkaProducer<byte[], byte[]>(
            Map.of(
                "bootstrap.servers", bootstrap,
                "acks", "all",
                "enable.idempotence", "true",
                "linger.ms", "5"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        p.send(new ProducerRecord<>(topic, ("load-" + (i % 1000)).getBytes(), value));
      }
      p.flush();
    }
    return records / seconds(t0);
  }

  /** A consumer reading {@code records} records of {@code topic} from the beginning. */
  static double kafkaConsumer(String bootstrap, String topic, int records) {
    try (var c =
        new KafkaConsumer<byte[], byte[]>(
            Map.of("bootstrap.servers", bootstrap, "max.poll.records", "5000"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      long t0 = System.nanoTime();
      long n = 0;
      while (n < records) {
        n += c.poll(java.time.Duration.ofMillis(500)).count();
        if (seconds(t0) > 300) {
          throw new IllegalStateException("raw Kafka consumer read " + n + " of " + records);
        }
      }
      return n / seconds(t0);
    }
  }

  /**
   * Line-protocol points shaped like the sink's {@code reading} points of the load: the load's 11
   * quantities, each as a corrected and a raw field, and the flags; every value varies from point
   * to point (as the load's do), so InfluxDB's compression gets no easier data than in the
   * pipeline. gzip as the sink writes it ({@link FastGzip}), batches of 5000, one client; the lines
   * are built before the clock starts.
   */
  static double influx(String url, String database, int points) {
    List<List<String>> batches = new ArrayList<>();
    long base = System.currentTimeMillis() * 1_000_000L;
    List<String> batch = new ArrayList<>(5000);
    for (int i = 0; i < points; i++) {
      batch.add(readingLine(i, base + i));
      if (batch.size() == 5000) {
        batches.add(batch);
        batch = new ArrayList<>(5000);
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    InfluxDB influx =
        InfluxDBFactory.connect(
            url, new okhttp3.OkHttpClient.Builder().addInterceptor(new FastGzip()));
    try {
      influx.query(new Query("CREATE DATABASE \"" + database + "\""));
      long t0 = System.nanoTime();
      for (List<String> b : batches) {
        influx.write(database, "autogen", InfluxDB.ConsistencyLevel.ONE, b);
      }
      return points / seconds(t0);
    } finally {
      influx.close();
    }
  }

  /** The load's quantities, in the order of its payload. */
  private static final String[] QUANTITIES = {
    "pm1", "pm25", "pm10", "no2", "o3", "so2", "co", "co2", "humidity", "temperature", "pressure"
  };

  /** Point {@code i}: 1000 sensors taking turns, values from {@link LoadGenerator#mix}. */
  static String readingLine(int i, long nanos) {
    long h = LoadGenerator.mix(i);
    StringBuilder b =
        new StringBuilder(400)
            .append("reading,area=Bench,county=Bench,format=airq,sensor=load-")
            .append(i % 1000)
            .append(' ');
    for (int q = 0; q < QUANTITIES.length; q++) {
      long units = LoadGenerator.bits(h, q * 5, 5000);
      double raw = units / 10.0;
      // PM2.5 is corrected (more digits, as the EPA correction's); the others are written as
      // measured, as the sink writes quantities without a correction
      double value = q == 1 ? raw * 0.524 + 5.75 : raw;
      b.append(QUANTITIES[q]).append('=').append(value).append(',');
      b.append(QUANTITIES[q]).append("_raw=").append(raw).append(',');
    }
    return b.append("flags=\"\" ").append(nanos).toString();
  }

  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Counts arrivals; Paho v5 needs a callback for every event. */
  private record Counting(CountDownLatch all) implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      all.countDown();
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String uri) {}

    @Override
    public void authPacketArrived(int reason, MqttProperties properties) {}
  }
}
