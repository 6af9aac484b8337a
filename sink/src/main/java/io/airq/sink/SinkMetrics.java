package io.airq.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's meters: points by outcome, batch latency, clean readings' age when written, retries,
 * consumer lag, buffer size.
 */
final class SinkMetrics {
  /** Name of the timer of clean readings' age when InfluxDB accepted them. */
  static final String READING_AGE = "airq.sink.reading.age";

  final Counter written;
  final Counter deadLettered;
  final Counter retries;
  final Timer batchLatency;
  final DistributionSummary batchPoints;
  final Timer readingAge;
  final AtomicLong lag = new AtomicLong();
  final AtomicLong buffered = new AtomicLong();

  SinkMetrics(MeterRegistry registry) {
    written =
        Counter.builder("airq.sink.points")
            .description("points by outcome")
            .tag("outcome", "written")
            .register(registry);
    deadLettered =
        Counter.builder("airq.sink.points")
            .description("points by outcome")
            .tag("outcome", "dead-lettered")
            .register(registry);
    retries =
        Counter.builder("airq.sink.retries")
            .description("failed InfluxDB writes that will be retried")
            .register(registry);
    batchLatency =
        Timer.builder("airq.sink.batch.latency")
            .description("time to write one batch to InfluxDB")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    batchPoints =
        DistributionSummary.builder("airq.sink.batch.points")
            .description("points per InfluxDB write (at most batch.points)")
            .register(registry);
    readingAge =
        Timer.builder(READING_AGE)
            .description(
                "from a clean reading's measurement time to InfluxDB accepting it (freshness;"
                    + " replays of old data are old)")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofDays(1))
            .register(registry);
    Gauge.builder("airq.sink.consumer.lag", lag, AtomicLong::get)
        .description("records behind the end of the assigned partitions")
        .register(registry);
    Gauge.builder("airq.sink.buffered.points", buffered, AtomicLong::get)
        .description("points waiting for their batch")
        .register(registry);
  }
}
