package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.streams.quality.QaSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the topology needs, immutable.
 *
 * @param topicPrefix prefix of every topic name ("" by default)
 * @param dedupHorizon how long a (sensor, measurement time) pair is remembered to drop duplicates
 * @param grace grace per window; a reading later than the hourly window's grace is routed to the
 *     late topic
 * @param coverageGate percent of the expected readings an hour needs to be valid
 * @param qa thresholds of the QA rules
 */
public record StreamsSettings(
    String topicPrefix,
    Duration dedupHorizon,
    Map<AverageWindow, Duration> grace,
    double coverageGate,
    QaSettings qa,
    Duration emitInterval) {

  public static final Duration DEFAULT_GRACE = Duration.ofHours(26);

  /**
   * How often a sensor's changed windows are emitted (wall-clock), besides a minute that its
   * sensor's interval fills, which is emitted at once: all the updates of a window in that time
   * become one record. A minute, not the 10 s of before 2026-11-27: with sensors reporting every 10
   * s, 10 s wrote each sensor's open hour once per reading (docs/streams.md, "At city scale").
   */
  public static final Duration DEFAULT_EMIT_INTERVAL = Duration.ofSeconds(60);

  public StreamsSettings {
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    dedupHorizon = dedupHorizon == null ? Duration.ofHours(48) : dedupHorizon;
    Map<AverageWindow, Duration> g = new EnumMap<>(AverageWindow.class);
    for (AverageWindow w : AverageWindow.values()) {
      g.put(w, DEFAULT_GRACE);
    }
    if (grace != null) {
      g.putAll(grace);
    }
    grace = java.util.Collections.unmodifiableMap(g);
    qa = qa == null ? QaSettings.DEFAULTS : qa;
    emitInterval = emitInterval == null ? DEFAULT_EMIT_INTERVAL : emitInterval;
    if (emitInterval.toMillis() < 1) {
      throw new IllegalArgumentException("emitInterval must be at least 1 ms, was " + emitInterval);
    }
    if (!(coverageGate > 0 && coverageGate <= 100)) {
      throw new IllegalArgumentException("coverageGate must be in (0, 100], was " + coverageGate);
    }
    if (dedupHorizon.compareTo(g.get(AverageWindow.HOUR)) < 0) {
      throw new IllegalArgumentException("dedupHorizon must not be shorter than the hourly grace");
    }
  }

  public static StreamsSettings defaults(String topicPrefix) {
    return new StreamsSettings(topicPrefix, null, null, 75.0, null, null);
  }

  /** These settings with another {@link #emitInterval}. */
  public StreamsSettings withEmitInterval(Duration interval) {
    return new StreamsSettings(topicPrefix, dedupHorizon, grace, coverageGate, qa, interval);
  }

  public Duration grace(AverageWindow w) {
    return grace.get(w);
  }
}
