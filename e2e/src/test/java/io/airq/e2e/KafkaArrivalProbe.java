package io.airq.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Sensor to Kafka latency: a consumer on the readings topic takes, for each record, the time it saw
 * it minus the record time (the measurement time the load generator stamped when it published). It
 * also notes when the last record arrived.
 */
final class KafkaArrivalProbe implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;
  private long[] latencies = new long[1 << 20];
  private int count;
  private volatile long lastArrivalNanos;
  private volatile RuntimeException failure;

  KafkaArrivalProbe(String bootstrap, String topic) {
    thread = new Thread(() -> run(bootstrap, topic), "bench-kafka-probe");
    thread.start();
  }

  private void run(String bootstrap, String topic) {
    try (var c =
        new KafkaConsumer<byte[], byte[]>(
            Map.of("bootstrap.servers", bootstrap, "max.poll.records", "5000"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      c.assign(parts);
      c.seekToEnd(parts);
      parts.forEach(c::position);
      while (running) {
        var records = c.poll(Duration.ofMillis(100));
        long now = System.currentTimeMillis();
        for (var r : records) {
          add(now - r.timestamp());
        }
        if (!records.isEmpty()) {
          lastArrivalNanos = System.nanoTime();
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private synchronized void add(long ms) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = ms;
  }

  synchronized long count() {
    return count;
  }

  long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  /** The q-quantile (0..1) in milliseconds. */
  synchronized long percentileMs(double q) {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return sorted[(int) Math.min(count - 1, Math.ceil(q * count) - 1)];
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
    if (failure != null) {
      throw failure;
    }
  }
}
