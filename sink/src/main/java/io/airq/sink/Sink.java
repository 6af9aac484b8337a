package io.airq.sink;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverages;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.CleanReading;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka to InfluxDB. Reads the clean readings, averages, closure-impact aggregates and alerts;
 * writes them as line protocol in batches bounded by size and time; commits the offsets of a batch
 * only after InfluxDB accepted it. An outage, or InfluxDB refusing new series because a limit of
 * its configuration is reached, pauses the partitions and retries with exponential backoff (the
 * buffer stays one batch); a point InfluxDB refuses as bad (400) is found by bisection and sent to
 * the sink dead-letter topic with the reason.
 *
 * <pre>{@code
 * Sink sink = Sink.start(SinkConfig.of(influxUrl, "airq", bootstrap, ""));
 * ...
 * sink.close();
 * }</pre>
 */
public final class Sink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sink.class);
  static final String ORIGIN = "sink";
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private final SinkConfig cfg;
  private final PrometheusMeterRegistry registry;
  private final SinkMetrics metrics;
  private final InfluxWriter influx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final ClosureTable closures;
  private final String deadLetterTopic;
  private final String cleanTopic;
  private final Map<String, Function<ConsumerRecord<byte[], byte[]>, Pending>> mappers =
      new HashMap<>();
  private final MetricsServer http;
  private final Thread loop;

  private final List<Pending> buffer = new ArrayList<>();
  private int bufferedPoints;
  private long firstBufferedAt;
  private Duration backoff = Duration.ZERO;
  private long nextAttempt;
  private volatile boolean databaseReady;
  private final java.util.concurrent.ExecutorService writer =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> new Thread(r, "airq-sink-writer"));
  private Future<Written> inFlight;
  private List<Pending> inFlightRecords;
  private int inFlightPoints;
  private volatile boolean running = true;
  private volatile boolean flushOnStop = true;
  private volatile String state = "starting";
  private volatile Throwable failure;

  private Sink(SinkConfig cfg) {
    this.cfg = cfg;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new SinkMetrics(registry);
    this.influx = new InfluxWriter(cfg);
    Properties common = new Properties();
    common.putAll(cfg.kafka());
    common.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.kafkaBootstrap());

    Properties cp = new Properties();
    cp.putAll(common);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId());
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cp.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // streams writes its outputs in exactly-once transactions: an aborted one must not be stored
    cp.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cp.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(cfg.batchPoints()));
    // The consumer fetches only partitions it has no buffered records of, one fetch per broker at a
    // time; a fetch of only caught-up partitions waits fetch.max.wait.ms at the broker, and the
    // lagging ones wait behind it (500 ms by default: the writer stood idle that long).
    cp.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    this.consumer =
        new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    Properties pp = new Properties();
    pp.putAll(common);
    pp.keySet().removeIf(k -> k.toString().startsWith("max.poll") || k.equals("group.id"));
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    this.deadLetters =
        new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer());
    this.deadLetterTopic = Topics.SINK_DEAD_LETTER.prefixed(cfg.topicPrefix()).name();
    this.cleanTopic = Topics.CLEAN_READINGS.prefixed(cfg.topicPrefix()).name();
    this.closures = new ClosureTable(common, cfg.topicPrefix());

    String raw = cfg.rawPolicy();
    String agg = cfg.aggregatePolicy();
    // the bulk of the records; the topic's serde reads them with a streaming fast path
    mapper(Topics.CLEAN_READINGS, raw, (CleanReading v) -> PointMapper.reading(v));
    mapper(Topics.AVERAGES, agg, (WindowAverages v) -> PointMapper.averages(v));
    mapper(Topics.ALERTS, agg, (Alert v) -> PointMapper.alert(v));
    mapper(
        Topics.CLOSURE_IMPACT,
        agg,
        (PhaseAggregate v) -> {
          if (closures.get(v.closureId()) == null) {
            closures.refresh();
          }
          return PointMapper.closurePhase(v, closures.get(v.closureId()));
        });
    this.http =
        cfg.metricsPort() == 0
            ? null
            : new MetricsServer(cfg.metricsBind(), cfg.metricsPort(), registry, this::health);
    this.loop = new Thread(this::run, "airq-sink");
  }

  /** Validates nothing more than the config did; connects, subscribes and starts the loop. */
  public static Sink start(SinkConfig cfg) {
    log.info("starting sink: {}", cfg);
    Sink s = new Sink(cfg);
    s.closures.refresh();
    s.prepareDatabase();
    s.consumer.subscribe(List.copyOf(s.mappers.keySet()), s.new Rebalance());
    s.loop.start();
    return s;
  }

  /** The meter registry, for tests and for embedding. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The port of the /metrics and /health endpoint, or 0 when off. */
  public int metricsPort() {
    return http == null ? 0 : http.port();
  }

  /** True while the loop runs. */
  public boolean isRunning() {
    return loop.isAlive();
  }

  private <V> void mapper(Topic<String, V> t, String policy, Function<V, LineResult> f) {
    Topic<String, V> topic = t.prefixed(cfg.topicPrefix());
    mappers.put(
        topic.name(),
        r -> {
          if (r.value() == null) {
            return Pending.skipped(r);
          }
          V v;
          try {
            v = topic.deserializeValue(r.value());
          } catch (RuntimeException e) {
            return Pending.of(
                r,
                policy,
                new LineResult.Rejected("malformed-json", String.valueOf(e.getMessage())));
          }
          if (v == null) {
            return Pending.skipped(r);
          }
          try {
            return Pending.of(r, policy, f.apply(v));
          } catch (RuntimeException e) {
            return Pending.of(
                r, policy, new LineResult.Rejected("unmappable", String.valueOf(e.getMessage())));
          }
        });
  }

  private void prepareDatabase() {
    if (!cfg.createDatabase() || databaseReady) {
      databaseReady = true;
      return;
    }
    try {
      influx.createDatabase(cfg);
      databaseReady = true;
    } catch (RuntimeException e) {
      log.warn("cannot create the InfluxDB database yet, will retry: {}", e.getMessage());
    }
  }

  private void run() {
    state = "running";
    try {
      while (running) {
        collect(false);
        submitIfDue();
        boolean full = bufferedPoints >= cfg.batchPoints();
        if (retrying() || (full && inFlight != null)) {
          consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
          consumer.resume(consumer.paused());
        }
        Duration wait =
            inFlight != null
                ? Duration.ofMillis(2)
                : retrying() || buffer.isEmpty() ? Duration.ofMillis(200) : Duration.ofMillis(20);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
          add(mappers.get(r.topic()).apply(r));
        }
        updateLag();
      }
      if (flushOnStop) {
        collect(true);
        while (!buffer.isEmpty() && !retrying()) {
          submit();
          collect(true);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("sink loop stopped", e);
    } finally {
      state = "stopped";
    }
  }

  /** Hands the buffer to the writer when it is full or old enough and nothing is in flight. */
  private void submitIfDue() {
    long now = System.nanoTime();
    boolean due =
        !buffer.isEmpty()
            && (bufferedPoints >= cfg.batchPoints()
                || retrying()
                || now - firstBufferedAt >= cfg.linger().toNanos());
    if (due && inFlight == null && now >= nextAttempt) {
      submit();
    }
  }

  /** A clean reading's record time is its measurement time: its age is now minus that. */
  private void recordReadingAges(List<Pending> done) {
    long now = System.currentTimeMillis();
    for (Pending p : done) {
      if (!p.rejected() && p.record().topic().equals(cleanTopic)) {
        metrics.readingAge.record(Math.max(0, now - p.record().timestamp()), TimeUnit.MILLISECONDS);
      }
    }
  }

  private boolean retrying() {
    return !backoff.isZero();
  }

  private void add(Pending p) {
    if (buffer.isEmpty()) {
      firstBufferedAt = System.nanoTime();
    }
    buffer.add(p);
    bufferedPoints += p.lines().size();
    metrics.buffered.set(bufferedPoints + inFlightPoints);
  }

  /**
   * Hands the buffer to the writer thread, so that the next batch is read and mapped while this one
   * is written. At most one batch is in flight; its offsets are committed by {@link #collect}.
   */
  private void submit() {
    // at most batch.points points (or one record, if it alone has more): a poll of window records
    // (one point per quantity) can hold several batches, and so can the buffer after an outage,
    // when the batch that failed and everything read before the pause are written again; written
    // whole, such a batch outgrew InfluxDB's write timeout on a busy machine and failed each retry
    int n = 0;
    int taken = 0;
    while (n < buffer.size()
        && (n == 0 || taken + buffer.get(n).lines().size() <= cfg.batchPoints())) {
      taken += buffer.get(n).lines().size();
      n++;
    }
    List<Pending> head = buffer.subList(0, n);
    List<Pending> batch = List.copyOf(head);
    head.clear();
    inFlightRecords = batch;
    inFlightPoints = taken;
    bufferedPoints -= taken;
    inFlight =
        writer.submit(
            () -> {
              long t0 = System.nanoTime();
              if (!databaseReady) {
                prepareDatabase();
                if (!databaseReady) {
                  throw new InfluxWriter.Unavailable("database not created yet", null);
                }
              }
              List<Pending> done = writeIsolatingBadPoints(batch);
              sendDeadLetters(done);
              // on the writer thread, which mostly waits for InfluxDB
              recordReadingAges(done);
              long points = 0;
              for (Pending p : done) {
                points += p.rejected() ? 0 : p.lines().size();
              }
              metrics.batchLatency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
              return new Written(done, points);
            });
  }

  private static int pointsOf(List<Pending> batch) {
    return batch.stream().mapToInt(p -> p.lines().size()).sum();
  }

  /** Takes the outcome of the batch in flight (waiting for it when asked): commit, or retry. */
  private void collect(boolean block) {
    if (inFlight == null || (!block && !inFlight.isDone())) {
      return;
    }
    List<Pending> batch = inFlightRecords;
    try {
      Written written = inFlight.get();
      List<Pending> done = written.records();
      inFlight = null;
      inFlightPoints = 0;
      if (retrying()) {
        log.info("InfluxDB accepts writes again; resuming");
        backoff = Duration.ZERO;
        state = "running";
      }
      if (!block) {
        // the writer goes on with the next batch while this one's offsets are committed
        submitIfDue();
      }
      commit(done);
      long points = written.points();
      metrics.written.increment(points);
      metrics.buffered.set(bufferedPoints + inFlightPoints);
      log.debug("wrote {} points from {} records", points, done.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    } catch (ExecutionException e) {
      inFlight = null;
      inFlightPoints = 0;
      if (!(e.getCause() instanceof InfluxWriter.Unavailable u)) {
        throw new IllegalStateException("batch write failed", e.getCause());
      }
      int failedPoints = pointsOf(batch);
      List<Pending> again = new ArrayList<>(batch);
      again.addAll(buffer);
      buffer.clear();
      buffer.addAll(again);
      bufferedPoints = pointsOf(buffer);
      metrics.buffered.set(bufferedPoints);
      metrics.retries.increment();
      backoff =
          backoff.isZero()
              ? FIRST_BACKOFF
              : backoff.multipliedBy(2).compareTo(cfg.maxBackoff()) > 0
                  ? cfg.maxBackoff()
                  : backoff.multipliedBy(2);
      nextAttempt = System.nanoTime() + backoff.toNanos();
      consumer.pause(consumer.assignment());
      // an operator has to lift InfluxDB's limit; /health says so apart from an outage
      state = u.limit ? "influx-limit" : "retrying";
      log.warn(
          "InfluxDB write of {} points failed ({} points buffered), retrying in {} ms with"
              + " partitions paused: {}",
          failedPoints,
          bufferedPoints,
          backoff.toMillis(),
          u.getMessage());
    }
  }

  /**
   * Writes the records' lines; when InfluxDB refuses the batch as bad, writes halves until the
   * refused records are alone, and marks those rejected. Returns the records with their outcome.
   */
  private List<Pending> writeIsolatingBadPoints(List<Pending> records)
      throws InfluxWriter.Unavailable {
    try {
      write(records);
      return records;
    } catch (InfluxWriter.BadPoints e) {
      List<Pending> writable = records.stream().filter(p -> !p.lines().isEmpty()).toList();
      if (writable.size() <= 1) {
        List<Pending> out = new ArrayList<>();
        for (Pending p : records) {
          out.add(p.lines().isEmpty() ? p : p.reject("influx-rejected", e.getMessage()));
        }
        return out;
      }
      int half = records.size() / 2;
      List<Pending> out =
          new ArrayList<>(writeIsolatingBadPoints(List.copyOf(records.subList(0, half))));
      out.addAll(writeIsolatingBadPoints(List.copyOf(records.subList(half, records.size()))));
      return out;
    }
  }

  private void write(List<Pending> records)
      throws InfluxWriter.BadPoints, InfluxWriter.Unavailable {
    Map<String, List<String>> byPolicy = new HashMap<>();
    for (Pending p : records) {
      if (!p.lines().isEmpty()) {
        byPolicy.computeIfAbsent(p.policy(), k -> new ArrayList<>()).addAll(p.lines());
      }
    }
    for (Map.Entry<String, List<String>> e : byPolicy.entrySet()) {
      metrics.batchPoints.record(e.getValue().size());
      influx.write(e.getKey(), e.getValue());
    }
  }

  private void sendDeadLetters(List<Pending> records) throws InfluxWriter.Unavailable {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Pending p : records) {
      if (!p.rejected()) {
        continue;
      }
      ConsumerRecord<byte[], byte[]> r = p.record();
      ProducerRecord<byte[], byte[]> out =
          new ProducerRecord<>(deadLetterTopic, null, r.timestamp(), r.key(), r.value());
      for (Header h : r.headers()) {
        out.headers().add(h);
      }
      out.headers().remove(RecordHeaders.REASON);
      out.headers().remove(RecordHeaders.REASON_CODE);
      out.headers().remove(RecordHeaders.ORIGIN);
      out.headers().add(RecordHeaders.REASON, utf8(p.reason() + " (from " + r.topic() + ")"));
      out.headers().add(RecordHeaders.REASON_CODE, utf8(p.code()));
      out.headers().add(RecordHeaders.ORIGIN, utf8(ORIGIN));
      sent.add(deadLetters.send(out));
      log.debug("dead-lettered {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), p.reason());
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new InfluxWriter.Unavailable("dead-letter topic not writable: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfluxWriter.Unavailable("interrupted", e);
      }
    }
    metrics.deadLettered.increment(sent.size());
  }

  private void commit(List<Pending> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    ConsumerRecord<byte[], byte[]> run = null;
    for (Pending p : records) {
      ConsumerRecord<byte[], byte[]> r = p.record();
      // records come in runs of one partition: one entry per run, not per record
      if (run != null
          && r.partition() == run.partition()
          && r.topic().equals(run.topic())
          && r.offset() > run.offset()) {
        run = r;
        continue;
      }
      if (run != null) {
        keepHighest(offsets, run);
      }
      run = r;
    }
    if (run != null) {
      keepHighest(offsets, run);
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
    } catch (org.apache.kafka.clients.consumer.CommitFailedException
        | org.apache.kafka.common.errors.RebalanceInProgressException e) {
      // The points are in InfluxDB; the records will be read again and overwrite themselves.
      log.warn("offsets of a written batch not committed (group rebalanced): {}", e.getMessage());
    }
  }

  private static void keepHighest(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerRecord<byte[], byte[]> r) {
    offsets.merge(
        new TopicPartition(r.topic(), r.partition()),
        new OffsetAndMetadata(r.offset() + 1),
        (a, b) -> a.offset() >= b.offset() ? a : b);
  }

  private void updateLag() {
    long lag = 0;
    for (TopicPartition tp : consumer.assignment()) {
      lag += consumer.currentLag(tp).orElse(0);
    }
    metrics.lag.set(lag);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** What the loop is doing, as {@code /health} reports it. */
  String state() {
    return state;
  }

  private String health() {
    Throwable f = failure;
    String status = loop.isAlive() && f == null ? "UP" : "DOWN";
    return "{\"status\":\""
        + status
        + "\",\"state\":\""
        + state
        + "\",\"bufferedPoints\":"
        + metrics.buffered.get()
        + ",\"lag\":"
        + metrics.lag.get()
        + "}";
  }

  /** Stops the loop (writing what is buffered if InfluxDB takes it) and closes every client. */
  @Override
  public void close() {
    running = false;
    shutdown();
  }

  /**
   * Stops at once like a killed process: the buffer is dropped unwritten and nothing more is
   * committed, so its records are read again by the next sink in the group. For tests.
   */
  void halt() {
    flushOnStop = false;
    running = false;
    shutdown();
  }

  private void shutdown() {
    try {
      loop.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (loop.isAlive()) {
      consumer.wakeup();
      try {
        loop.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writer.shutdownNow();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (http != null) {
      http.close();
    }
    consumer.close();
    closures.close();
    deadLetters.close();
    influx.close();
    registry.close();
    log.info("sink stopped");
  }

  /** A written batch: its records with their outcome, and how many points InfluxDB took. */
  private record Written(List<Pending> records, long points) {}

  /** Drops buffered records of revoked partitions: uncommitted, they go to the next owner. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (flushOnStop) {
        collect(true);
      }
      if (buffer.removeIf(p -> revoked.contains(p.partition()))) {
        bufferedPoints = pointsOf(buffer);
        metrics.buffered.set(bufferedPoints);
        log.info("partitions {} revoked; their unwritten records will be read again", revoked);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      if (retrying()) {
        consumer.pause(assigned);
      }
    }
  }
}
