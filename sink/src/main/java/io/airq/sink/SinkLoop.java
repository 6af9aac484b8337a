package io.airq.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's loop, on its own thread: polls, maps ({@link RecordMapper}), batches ({@link
 * Batcher}), hands one batch at a time to the writer thread ({@link BatchWriter}) so the next is
 * read while it is written, and commits a batch's offsets once it is written ({@link OffsetBook}).
 * A batch InfluxDB could not take is put back and retried with {@link Backoff}, the partitions
 * paused meanwhile.
 */
final class SinkLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final RecordMapper mapper;
  private final BatchWriter batchWriter;
  private final SinkMetrics metrics;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "airq-sink-writer"));

  // owned by the loop thread (the rebalance listener runs on it, inside poll)
  private final Batcher batcher;
  private final Backoff backoff;
  private final OffsetBook offsets = new OffsetBook();
  private Future<BatchWriter.Written> inFlight;
  private Batcher.Batch inFlightBatch;

  private volatile boolean running = true;
  private volatile boolean flushOnStop = true;
  private volatile String state = "starting";
  private volatile Throwable failure;

  SinkLoop(
      SinkConfig cfg,
      KafkaConsumer<byte[], byte[]> consumer,
      RecordMapper mapper,
      BatchWriter batchWriter,
      SinkMetrics metrics) {
    this.consumer = consumer;
    this.mapper = mapper;
    this.batchWriter = batchWriter;
    this.metrics = metrics;
    this.batcher = new Batcher(cfg.batchPoints(), cfg.linger());
    this.backoff = new Backoff(cfg.maxBackoff());
  }

  /** Subscribes the consumer to the mapper's topics; call before running. */
  void subscribe() {
    consumer.subscribe(mapper.topics(), new Rebalance());
  }

  /** What the loop is doing: starting, running, retrying, influx-limit or stopped. */
  String state() {
    return state;
  }

  /** Why the loop stopped by itself, or null. */
  Throwable failure() {
    return failure;
  }

  /**
   * Asks the loop to stop: after writing what is buffered if InfluxDB takes it ({@code flush}), or
   * at once, like a killed process, committing nothing more.
   */
  void stop(boolean flush) {
    flushOnStop = flush;
    running = false;
  }

  /** Stops the writer thread, waiting for a write in progress. */
  void closeWriter() {
    writer.shutdownNow();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    state = "running";
    try {
      while (running) {
        collect(false);
        submitIfDue();
        boolean writing = inFlight != null;
        if (batcher.pauseReading(backoff.retrying(), writing)) {
          consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
          consumer.resume(consumer.paused());
        }
        var records = consumer.poll(batcher.pollWait(backoff.retrying(), writing));
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          batcher.add(mapper.map(r), now);
        }
        updateGauges();
      }
      if (flushOnStop) {
        collect(true);
        while (!batcher.isEmpty() && !backoff.retrying()) {
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

  /** Hands a batch to the writer when one is due, nothing is in flight and no backoff runs. */
  private void submitIfDue() {
    long now = System.nanoTime();
    if (inFlight == null && batcher.due(now, backoff.retrying()) && backoff.mayAttempt(now)) {
      submit();
    }
  }

  /**
   * Hands a batch to the writer thread, so that the next one is read and mapped while this one is
   * written. At most one batch is in flight; {@link #collect} commits its offsets.
   */
  private void submit() {
    Batcher.Batch batch = batcher.take();
    inFlightBatch = batch;
    inFlight = writer.submit(() -> batchWriter.write(batch.records()));
  }

  /** Takes the outcome of the batch in flight (waiting for it when asked): commit, or retry. */
  private void collect(boolean block) {
    if (inFlight == null || (!block && !inFlight.isDone())) {
      return;
    }
    Batcher.Batch batch = inFlightBatch;
    try {
      BatchWriter.Written written = inFlight.get();
      inFlight = null;
      inFlightBatch = null;
      if (backoff.succeeded()) {
        log.info("InfluxDB accepts writes again; resuming");
        state = "running";
      }
      if (!block) {
        // the writer goes on with the next batch while this one's offsets are committed
        submitIfDue();
      }
      commit(written.records());
      metrics.written.increment(written.points());
      updateGauges();
      log.debug("wrote {} points from {} records", written.points(), written.records().size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    } catch (ExecutionException e) {
      inFlight = null;
      inFlightBatch = null;
      if (!(e.getCause() instanceof InfluxWriter.Unavailable u)) {
        throw new IllegalStateException("batch write failed", e.getCause());
      }
      batcher.putBack(batch);
      metrics.retries.increment();
      Duration wait = backoff.failed(System.nanoTime());
      consumer.pause(consumer.assignment());
      updateGauges();
      // an operator has to lift InfluxDB's limit; /health says so apart from an outage
      state = u.limit ? "influx-limit" : "retrying";
      log.warn(
          "InfluxDB write of {} points failed ({} points buffered), retrying in {} ms with"
              + " partitions paused: {}",
          batch.points(),
          batcher.points(),
          wait.toMillis(),
          u.getMessage());
    }
  }

  private void commit(List<Pending> written) {
    Map<TopicPartition, OffsetAndMetadata> due = offsets.written(written);
    if (due.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(due);
      offsets.committed(due);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The points are in InfluxDB; owed offsets go with the next commit, or the records are read
      // again by the partition's next owner and overwrite themselves.
      log.warn("offsets of a written batch not committed (group rebalanced): {}", e.getMessage());
    }
  }

  private void updateGauges() {
    long lag = 0;
    for (TopicPartition tp : consumer.assignment()) {
      lag += consumer.currentLag(tp).orElse(0);
    }
    metrics.lag.set(lag);
    metrics.buffered.set(batcher.points() + (inFlightBatch == null ? 0 : inFlightBatch.points()));
  }

  /** Keeps the offset book's partitions; drops buffered records of revoked partitions. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (flushOnStop) {
        collect(true);
      }
      offsets.revoked(revoked);
      if (batcher.drop(revoked)) {
        updateGauges();
        log.info("partitions {} revoked; their unwritten records will be read again", revoked);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      offsets.assigned(assigned);
      if (backoff.retrying()) {
        consumer.pause(assigned);
      }
    }
  }
}
