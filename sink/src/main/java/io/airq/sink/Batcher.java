package io.airq.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The records read and not yet handed to the writer, and the batching decisions: when a batch is
 * due, what goes in it, when the consumer should stop reading and how long a poll may wait. Records
 * stay in the order read, so a partition's records are written, and their offsets committed, in
 * offset order. Not thread-safe: the sink's loop thread owns it. Times are {@link System#nanoTime}.
 */
final class Batcher {
  private final int batchPoints;
  private final long lingerNanos;
  private final List<Pending> buffer = new ArrayList<>();
  private int points;
  private long firstAddedAt;

  /** A batch for the writer: its records in the order read, and their points. */
  record Batch(List<Pending> records, int points) {}

  Batcher(int batchPoints, Duration linger) {
    if (batchPoints < 1) {
      throw new IllegalArgumentException("batchPoints must be positive: " + batchPoints);
    }
    this.batchPoints = batchPoints;
    this.lingerNanos = linger.toNanos();
  }

  void add(Pending p, long nowNanos) {
    if (buffer.isEmpty()) {
      firstAddedAt = nowNanos;
    }
    buffer.add(p);
    points += p.lines().size();
  }

  /** Points buffered. */
  int points() {
    return points;
  }

  boolean isEmpty() {
    return buffer.isEmpty();
  }

  /** Whether the buffer holds a whole batch. */
  boolean full() {
    return points >= batchPoints;
  }

  /**
   * Whether a batch should go to the writer now: the buffer is full, its oldest record waited the
   * linger, or a failed batch is being retried (it waits for its backoff only).
   */
  boolean due(long nowNanos, boolean retrying) {
    return !buffer.isEmpty() && (full() || retrying || nowNanos - firstAddedAt >= lingerNanos);
  }

  /**
   * Takes the head of the buffer: at most batch.points points, or one record if it alone has more.
   * A poll of window records (one point per quantity) can hold several batches, and so can the
   * buffer after an outage; written whole, such a batch outgrew InfluxDB's write timeout on a busy
   * machine and failed each retry.
   */
  Batch take() {
    int n = 0;
    int taken = 0;
    while (n < buffer.size() && (n == 0 || taken + buffer.get(n).lines().size() <= batchPoints)) {
      taken += buffer.get(n).lines().size();
      n++;
    }
    List<Pending> head = buffer.subList(0, n);
    List<Pending> batch = List.copyOf(head);
    head.clear();
    points -= taken;
    return new Batch(batch, taken);
  }

  /** Puts a batch the writer could not write back at the head, before what was read since. */
  void putBack(Batch batch) {
    buffer.addAll(0, batch.records());
    points += batch.points();
  }

  /**
   * Drops the records of revoked partitions: uncommitted, they are read again by the partitions'
   * next owner. Returns whether any were dropped.
   */
  boolean drop(Collection<TopicPartition> revoked) {
    if (!buffer.removeIf(p -> revoked.contains(p.partition()))) {
      return false;
    }
    points = 0;
    for (Pending p : buffer) {
      points += p.lines().size();
    }
    return true;
  }

  /**
   * Whether the consumer should pause its partitions: while a failed batch waits out its backoff
   * (memory holds one batch and what was read before), or while the buffer is full and the writer
   * busy.
   */
  boolean pauseReading(boolean retrying, boolean writing) {
    return retrying || (full() && writing);
  }

  /**
   * How long a poll may wait for records: briefly while the writer is busy (its outcome is
   * collected between polls), long when there is nothing to write or a backoff to wait out.
   */
  Duration pollWait(boolean retrying, boolean writing) {
    if (writing) {
      return Duration.ofMillis(2);
    }
    return retrying || buffer.isEmpty() ? Duration.ofMillis(200) : Duration.ofMillis(20);
  }
}
