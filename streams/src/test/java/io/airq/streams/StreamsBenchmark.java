package io.airq.streams;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Prints the Kafka -> Streams -> Kafka throughput of the airq topology beside the raw Kafka
 * producer and consumer rates measured in the same run, on the same broker. Not a timed test; not
 * run by the build (not an *IT). Run it with {@code ./mvnw -B -pl streams verify
 * -Dit.test=StreamsBenchmark [-Dairq.bench.readings=1000000] [-Dairq.bench.sensors=100]
 * [-Dairq.bench.threads=1] [-Dairq.bench.jfr=target/streams.jfr]}.
 *
 * <p>It pre-loads N readings (sensors at a 1-minute interval, PM2.5, PM10, temperature, humidity,
 * in time order, ending about now), then times the application from start until its committed
 * offsets on the readings topic reach the end (lag 0), and counts the committed records on every
 * output topic.
 */
@RealServers
class StreamsBenchmark {
  private static final int N = Integer.getInteger("airq.bench.readings", 1_000_000);
  private static final int SENSORS = Integer.getInteger("airq.bench.sensors", 100);
  private static final int THREADS = Integer.getInteger("airq.bench.threads", 1);
  private static final String JFR = System.getProperty("airq.bench.jfr", "");
  private static final Duration TIMEOUT =
      Duration.ofMinutes(Integer.getInteger("airq.bench.timeout-minutes", 30));

  /** The readings end about now (a catch-up after an outage, or a backfill of the last days). */
  private static final Instant START =
      Instant.now()
          .minus(Duration.ofMinutes(N / SENSORS + 60))
          .truncatedTo(java.time.temporal.ChronoUnit.HOURS);

  @Test
  void kafkaToStreamsToKafkaBesideRawKafka(Servers servers) throws Exception {
    String bootstrap = servers.kafkaBootstrap();
    String prefix = servers.newPrefix("streams-bench");
    keepForever(bootstrap, prefix);
    String load = loadAverage();
    registerSensors(bootstrap, prefix);
    Topic<String, Reading> readings = Topics.READINGS.prefixed(prefix);

    List<byte[]> values = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      values.add(readings.valueSerde().serializer().serialize(readings.name(), reading(i)));
    }
    long t0 = System.nanoTime();
    produce(bootstrap, readings.name(), values);
    double produceRate = N / seconds(t0);
    values = null;

    t0 = System.nanoTime();
    long consumed = consumeAll(bootstrap, List.of(readings.name()));
    double consumeRate = consumed / seconds(t0);

    String appId = prefix + "bench";
    StreamsConfig cfg =
        new StreamsConfig(
            appId,
            kafkaSettings(bootstrap),
            servers.newDirectory("streams-bench-state"),
            0,
            THREADS,
            StreamsSettings.defaults(prefix));
    Recording jfr = JFR.isEmpty() ? null : startJfr();
    t0 = System.nanoTime();
    double elapsed;
    double steadyRate;
    double cpuPerReading;
    try (StreamsApp app = StreamsApp.start(cfg)) {
      long[] tenth = awaitNoLag(bootstrap, appId, readings.name());
      long end = System.nanoTime();
      elapsed = (end - t0) / 1e9;
      // the records committed after the first commit that reached a tenth, over the time since
      steadyRate = (tenth[2] - tenth[1]) / Math.max(1e-3, (end - tenth[0]) / 1e9);
      cpuPerReading = streamThreadCpuNanos() / 1e3 / N;
    }
    if (jfr != null) {
      jfr.dump(Path.of(JFR));
      jfr.close();
    }
    List<String> outputs =
        List.of(
            Topics.CLEAN_READINGS.prefixed(prefix).name(),
            Topics.LATE_READINGS.prefixed(prefix).name(),
            Topics.AVERAGES.prefixed(prefix).name(),
            Topics.ALERTS.prefixed(prefix).name(),
            Topics.CLOSURE_IMPACT.prefixed(prefix).name());
    StringBuilder perTopic = new StringBuilder();
    long outputTotal = 0;
    for (String t : outputs) {
      long n = consumeAll(bootstrap, List.of(t));
      outputTotal += n;
      perTopic.append(String.format("%n  %-40s %,d", t.substring(prefix.length()), n));
    }
    System.out.printf(
        "streams bench: %,d readings, %d sensors, 1-minute interval, %d stream thread(s), kafka %s%n"
            + "  raw producer (pre-serialized)  %,.0f readings/s%n"
            + "  raw consumer (read_committed)  %,.0f readings/s%n"
            + "  Kafka -> Streams -> Kafka      %,.0f readings/s (%.1f s from start to lag 0)%n"
            + "    after the first tenth          %,.0f readings/s (from the first commit that reached a"
            + " tenth of the readings: without the start and warm-up)%n"
            + "    stream thread CPU              %.1f µs per reading, all stream threads together: %,.0f"
            + " readings/s per core they keep busy%n"
            + "  output records %,d (%.2f per reading):%s%n"
            + "  load average before: %s, after: %s%n",
        N,
        SENSORS,
        THREADS,
        cfg.kafka(),
        produceRate,
        consumeRate,
        N / elapsed,
        elapsed,
        steadyRate,
        cpuPerReading,
        1e6 / cpuPerReading,
        outputTotal,
        (double) outputTotal / N,
        perTopic,
        load,
        loadAverage());
  }

  private static Reading reading(int i) {
    int sensor = i % SENSORS;
    Instant t = START.plus(Duration.ofMinutes(i / SENSORS)).plusSeconds(sensor % 60);
    double wave = 10 * Math.sin(i / (double) (SENSORS * 240));
    return Reading.of(
        "bench-" + sensor,
        t,
        t,
        null,
        SourceFormat.AIRQ_JSON,
        Map.of(
            Quantity.PM25, 12 + wave + sensor % 7,
            Quantity.PM10, 20 + wave + sensor % 11,
            Quantity.TEMPERATURE, 22 + (i % 13) / 10.0,
            Quantity.HUMIDITY, 60 + (i % 17) / 10.0));
  }

  private static void registerSensors(String bootstrap, String prefix) {
    Topic<String, Sensor> t = Topics.SENSORS.prefixed(prefix);
    try (KafkaProducer<String, Sensor> p =
        new KafkaProducer<>(
            producerProps(bootstrap), t.keySerde().serializer(), t.valueSerde().serializer())) {
      for (int s = 0; s < SENSORS; s++) {
        String id = "bench-" + s;
        p.send(
            new ProducerRecord<>(
                t.name(),
                id,
                Sensor.builder(id)
                    .position(-1.28, 36.82)
                    .area("area-" + s % 10)
                    .county("Bench")
                    .reportingInterval(Duration.ofMinutes(1))
                    .model("SDS011")
                    .build()));
      }
      p.flush();
    }
  }

  /**
   * Without this the broker's 7-day time retention would delete readings and outputs with event
   * times older than that (a longer backfill) before they are read.
   */
  private static void keepForever(String bootstrap, String prefix) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new java.util.HashMap<>();
      for (String t : admin.listTopics().names().get()) {
        if (t.startsWith(prefix)) {
          ops.put(
              new ConfigResource(ConfigResource.Type.TOPIC, t),
              List.of(
                  new AlterConfigOp(
                      new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)));
        }
      }
      admin.incrementalAlterConfigs(ops).all().get();
    }
  }

  /**
   * The bootstrap servers, plus every system property {@code airq.bench.kafka.<key>} as the Kafka
   * Streams setting {@code <key>} (e.g. {@code -Dairq.bench.kafka.commit.interval.ms=1000}), to
   * measure a setting without changing airq's defaults.
   */
  private static Map<String, String> kafkaSettings(String bootstrap) {
    Map<String, String> kafka = new java.util.TreeMap<>();
    String prefix = "airq.bench.kafka.";
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        kafka.put(name.substring(prefix.length()), System.getProperty(name));
      }
    }
    kafka.put("bootstrap.servers", bootstrap);
    return kafka;
  }

  private static Properties producerProps(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "20");
    p.put("batch.size", "262144");
    p.put("compression.type", "lz4");
    return p;
  }

  private static void produce(String bootstrap, String topic, List<byte[]> values) {
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            producerProps(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < values.size(); i++) {
        byte[] key = ("bench-" + i % SENSORS).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long ts = reading(i).time().toEpochMilli();
        p.send(new ProducerRecord<>(topic, null, ts, key, values.get(i)));
      }
      p.flush();
    }
  }

  /** Committed records on the topics, read from the beginning to their current end. */
  private static long consumeAll(String bootstrap, List<String> topics) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "streams-bench-" + UUID.randomUUID());
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("max.poll.records", "5000");
    p.put("fetch.min.bytes", "1048576");
    p.put("fetch.max.wait.ms", "50");
    long n = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String t : topics) {
        c.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        n += c.poll(Duration.ofMillis(200)).count();
      }
    }
    return n;
  }

  /** CPU time of the live stream threads of this JVM (the application under test). */
  private static long streamThreadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      String name = info == null ? "" : info.getThreadName();
      if (name.contains("-StreamThread-") && !name.startsWith("kafka-")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /**
   * Waits until the group's committed offsets reach the topic's end. Returns when the committed
   * records were first seen to reach a tenth of the topic, how many they were then, and the end.
   */
  private static long[] awaitNoLag(String bootstrap, String group, String topic) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(i -> latest.put(new TopicPartition(topic, i.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> end = new java.util.HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      long[] tenth = null;
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        boolean done = true;
        long total = 0;
        long totalEnd = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          done &= c != null && c.offset() >= e.getValue();
          total += c == null ? 0 : c.offset();
          totalEnd += e.getValue();
        }
        if (tenth == null && total * 10 >= totalEnd) {
          tenth = new long[] {System.nanoTime(), total, totalEnd};
        }
        if (done) {
          return tenth;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "no lag 0 within " + TIMEOUT + ": committed " + committed + ", end " + end);
        }
        Thread.sleep(200);
      }
    }
  }

  private static Recording startJfr() throws Exception {
    Recording r = new Recording(Configuration.getConfiguration("profile"));
    r.start();
    return r;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
