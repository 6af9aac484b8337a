package io.airq.kit;

import io.airq.core.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic kept in memory as a map, read from its beginning by one background thread with
 * every partition assigned (no consumer group, nothing committed). A tombstone removes its key; a
 * value that cannot be read is logged and skipped, so one bad record never stops the table.
 *
 * <p>The sensor registry, the closures and the live phase aggregates are read this way by the
 * ingest bridge, the sink and the planner.
 */
public final class CompactedTable<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedTable.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Topic<String, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiters =
      new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean loaded;
  private volatile String state = "not started";

  private CompactedTable(Properties kafkaClientProps, Topic<String, V> topic) {
    this.topic = topic;
    Properties p = new Properties();
    p.putAll(kafkaClientProps);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // a missing topic is waited for, never created here without its compaction settings
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "airq-table-" + topic.name());
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "airq-table-" + topic.name());
    thread.setDaemon(true);
  }

  /** Starts reading the topic in the background. */
  public static <V> CompactedTable<V> start(Properties kafkaClientProps, Topic<String, V> topic) {
    CompactedTable<V> t = new CompactedTable<>(kafkaClientProps, topic);
    t.thread.start();
    return t;
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** An unmodifiable copy of the table now. */
  public Map<String, V> snapshot() {
    return Collections.unmodifiableMap(new HashMap<>(values));
  }

  /**
   * Calls the listener for every entry already read, then for every change (value null for a
   * tombstone), on the reading thread.
   */
  public CompactedTable<V> onChange(BiConsumer<String, V> listener) {
    synchronized (lock) {
      values.forEach(listener);
      listeners.add(listener);
    }
    return this;
  }

  /**
   * Waits until everything on the topic when this was called has been read.
   *
   * @return whether that happened within the timeout
   */
  public boolean awaitCaughtUp(Duration timeout) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiters.add(f); // served by the reading thread within one poll
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      waiters.remove(f);
      return false;
    }
  }

  /** Up once the topic was read to its end after start, while the reading thread runs. */
  public Check check() {
    if (!thread.isAlive()) {
      return Check.down(topic.name() + ": the reader stopped (" + state + ")");
    }
    return loaded
        ? Check.up(topic.name() + ": " + values.size() + " entries")
        : Check.down(topic.name() + ": " + state);
  }

  private void run() {
    try {
      List<TopicPartition> parts = assign();
      Map<TopicPartition, Long> initialEnd = null;
      List<Target> targets = new ArrayList<>();
      while (running) {
        if (initialEnd == null) {
          initialEnd = consumer.endOffsets(parts, Duration.ofSeconds(30));
          state = "reading to the end";
        }
        for (CompletableFuture<Void> w; (w = waiters.poll()) != null; ) {
          targets.add(new Target(consumer.endOffsets(parts, Duration.ofSeconds(30)), w));
        }
        if (!loaded && reached(initialEnd)) {
          loaded = true;
          state = "read to the end";
          LOG.info("{}: {} entries read", topic.name(), values.size());
        }
        targets.removeIf(t -> reached(t.end()) && t.done().complete(null));
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          apply(r);
        }
      }
    } catch (WakeupException e) {
      state = "closed"; // close() wakes the consumer
    } catch (RuntimeException e) {
      state = "failed: " + e.getClass().getSimpleName();
      LOG.error("{}: the table reader failed", topic.name(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> assign() {
    state = "waiting for the topic";
    while (running) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        LOG.warn("{}: Kafka did not answer; retrying", topic.name());
        continue;
      } catch (WakeupException e) {
        continue;
      }
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> parts =
            infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        return parts;
      }
      LOG.warn("{}: the topic does not exist yet; waiting (run ./airq topics)", topic.name());
      sleep();
    }
    throw new WakeupException();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String key;
    V value;
    try {
      key = topic.deserializeKey(r.key());
      value = r.value() == null ? null : topic.deserializeValue(r.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: record at {}-{} offset {} is not readable, skipped: {}",
          topic.name(),
          topic.name(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return;
    }
    if (key == null) {
      return;
    }
    synchronized (lock) {
      if (value == null) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
      for (BiConsumer<String, V> l : listeners) {
        try {
          l.accept(key, value);
        } catch (RuntimeException e) {
          LOG.warn("{}: a listener failed on {}: {}", topic.name(), key, e.toString());
        }
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Target(Map<TopicPartition, Long> end, CompletableFuture<Void> done) {}
}
