package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.streams.quality.QaSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the topology needs, immutable.
 *
 * @param topicPrefix prefix of every topic name ("" by default)
 * @param digestHorizon how long a timestamp-less payload's digest is remembered to drop a
 *     redelivered copy; at least the bridge's {@code mqtt.session-expiry}, within which the broker
 *     redelivers
 * @param grace grace per window; a reading later than the hourly window's grace is routed to the
 *     late topic
 * @param coverageGate percent of the expected readings an hour needs to be valid
 * @param qa thresholds of the QA rules
 * @param quarantineHorizon how long readings of an unknown sensor are held for release once it is
 *     registered (wall-clock, from when they were quarantined)
 * @param dayZone the zone of the local calendar day (window {@code day}) of the sensors without a
 *     {@code zone} of their own: the daily indices and the WHO 24-hour alerts of a day are on the
 *     hours of that day in this zone (UTC by default)
 */
public record StreamsSettings(
    String topicPrefix,
    Duration digestHorizon,
    Map<AverageWindow, Duration> grace,
    double coverageGate,
    QaSettings qa,
    Duration emitInterval,
    Duration quarantineHorizon,
    ZoneId dayZone) {

  public static final Duration DEFAULT_GRACE = Duration.ofHours(26);

  /** Twice the bridge's default session expiry (1 h). */
  public static final Duration DEFAULT_DIGEST_HORIZON = Duration.ofHours(2);

  /**
   * How often a sensor's changed windows are emitted (wall-clock), besides a minute that its
   * sensor's interval fills, which is emitted at once: all the updates of a window in that time
   * become one record. A minute, not the 10 s of before 2026-11-27: with sensors reporting every 10
   * s, 10 s wrote each sensor's open hour once per reading (docs/streams.md, "At city scale").
   */
  public static final Duration DEFAULT_EMIT_INTERVAL = Duration.ofSeconds(60);

  /** How long readings of an unknown sensor are held for release by default. */
  public static final Duration DEFAULT_QUARANTINE_HORIZON = Duration.ofDays(7);

  /** Settings with the default quarantine horizon. */
  public StreamsSettings(
      String topicPrefix,
      Duration digestHorizon,
      Map<AverageWindow, Duration> grace,
      double coverageGate,
      QaSettings qa,
      Duration emitInterval) {
    this(topicPrefix, digestHorizon, grace, coverageGate, qa, emitInterval, null, null);
  }

  /** Settings with the calendar day in UTC. */
  public StreamsSettings(
      String topicPrefix,
      Duration digestHorizon,
      Map<AverageWindow, Duration> grace,
      double coverageGate,
      QaSettings qa,
      Duration emitInterval,
      Duration quarantineHorizon) {
    this(
        topicPrefix, digestHorizon, grace, coverageGate, qa, emitInterval, quarantineHorizon, null);
  }

  public StreamsSettings {
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    digestHorizon = digestHorizon == null ? DEFAULT_DIGEST_HORIZON : digestHorizon;
    if (digestHorizon.isNegative() || digestHorizon.isZero()) {
      throw new IllegalArgumentException("digestHorizon must be positive, was " + digestHorizon);
    }
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
    quarantineHorizon = quarantineHorizon == null ? DEFAULT_QUARANTINE_HORIZON : quarantineHorizon;
    dayZone = dayZone == null ? ZoneId.of("UTC") : dayZone;
    if (quarantineHorizon.isNegative()) {
      throw new IllegalArgumentException("quarantineHorizon must not be negative");
    }
    if (emitInterval.toMillis() < 1) {
      throw new IllegalArgumentException("emitInterval must be at least 1 ms, was " + emitInterval);
    }
    if (!(coverageGate > 0 && coverageGate <= 100)) {
      throw new IllegalArgumentException("coverageGate must be in (0, 100], was " + coverageGate);
    }
  }

  public static StreamsSettings defaults(String topicPrefix) {
    return new StreamsSettings(topicPrefix, null, null, 75.0, null, null);
  }

  /** These settings with another {@link #emitInterval}. */
  public StreamsSettings withEmitInterval(Duration interval) {
    return new StreamsSettings(
        topicPrefix, digestHorizon, grace, coverageGate, qa, interval, quarantineHorizon, dayZone);
  }

  /**
   * The zone of {@code day.zone}.
   *
   * @throws io.airq.core.config.ConfigException naming the key when it is not a zone id
   */
  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw new io.airq.core.config.ConfigException(
          "streams",
          java.util.List.of(
              "day.zone: not a time zone id (e.g. Africa/Nairobi, Europe/Dublin, UTC): " + id));
    }
  }

  /** These settings with another {@link #dayZone}. */
  public StreamsSettings withDayZone(ZoneId zone) {
    return new StreamsSettings(
        topicPrefix, digestHorizon, grace, coverageGate, qa, emitInterval, quarantineHorizon, zone);
  }

  /**
   * How long a reading's (sensor, measurement time) is remembered to drop copies: the longest lag
   * behind its partition at which a sensor's reading is still averaged (the hour store's retention,
   * from the grace settings). Derived, not set, so that a reading the windows still take is never
   * counted twice: a sensor 3 days behind its partition (a gateway's offline backlog, redelivered
   * after a crash) is averaged and de-duplicated alike.
   */
  public Duration dedupHorizon() {
    return io.airq.streams.average.SensorWindowsProcessor.hourRetention(grace);
  }

  public Duration grace(AverageWindow w) {
    return grace.get(w);
  }
}
