package io.airq.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch, on the sink's writer thread: its lines to InfluxDB by retention policy, the
 * points InfluxDB refuses isolated by {@link Bisection}, then the rejected records to the
 * dead-letter topic. A batch is done when this returns; on {@link InfluxWriter.Unavailable} it is
 * retried whole.
 */
final class BatchWriter {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final SinkConfig cfg;
  private final InfluxWriter influx;
  private final DeadLetters deadLetters;
  private final SinkMetrics metrics;
  private final String cleanTopic;
  private volatile boolean databaseReady;

  /** A written batch: its records with their outcome, and how many points InfluxDB took. */
  record Written(List<Pending> records, long points) {}

  BatchWriter(
      SinkConfig cfg,
      InfluxWriter influx,
      DeadLetters deadLetters,
      SinkMetrics metrics,
      String cleanTopic) {
    this.cfg = cfg;
    this.influx = influx;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.cleanTopic = cleanTopic;
  }

  /**
   * Creates the database and retention policies unless influx.create is off or it was done; returns
   * whether the database is ready. InfluxDB down at start is not fatal: the first write retries.
   */
  boolean prepareDatabase() {
    if (!cfg.createDatabase() || databaseReady) {
      databaseReady = true;
      return true;
    }
    try {
      influx.createDatabase(cfg);
      databaseReady = true;
    } catch (RuntimeException e) {
      log.warn("cannot create the InfluxDB database yet, will retry: {}", e.getMessage());
    }
    return databaseReady;
  }

  Written write(List<Pending> batch) throws InfluxWriter.Unavailable {
    long t0 = System.nanoTime();
    if (!prepareDatabase()) {
      String refused = influx.refused();
      throw new InfluxWriter.Unavailable(
          refused == null ? "database not created yet" : refused + "; nothing is dropped meanwhile",
          null);
    }
    List<Pending> done = Bisection.write(batch, this::writeLines);
    metrics.deadLettered.increment(deadLetters.send(done));
    // here on the writer thread, which mostly waits for InfluxDB
    recordReadingAges(done);
    long points = 0;
    for (Pending p : done) {
      points += p.rejected() ? 0 : p.lines().size();
    }
    metrics.batchLatency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    return new Written(done, points);
  }

  private void writeLines(List<Pending> records)
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

  /** A clean reading's record time is its measurement time: its age is now minus that. */
  private void recordReadingAges(List<Pending> done) {
    long now = System.currentTimeMillis();
    for (Pending p : done) {
      if (!p.rejected() && p.record().topic().equals(cleanTopic)) {
        metrics.readingAge.record(Math.max(0, now - p.record().timestamp()), TimeUnit.MILLISECONDS);
      }
    }
  }
}
