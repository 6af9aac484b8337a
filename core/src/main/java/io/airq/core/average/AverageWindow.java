package io.airq.core.average;

import java.time.Duration;
import java.util.Optional;

/**
 * The averaging windows. Tumbling windows advance by their size; the 24-hour rolling mean advances
 * every hour. {@link #DAY} is the local calendar day in the sensor's zone (registry {@code zone},
 * else the streams job's {@code day.zone}): its {@link #size()} is the nominal 24 hours, but a day
 * of a daylight-saving change has 23 or 25, so its end is computed from the zone (a {@code
 * WindowAverage} carries it).
 */
public enum AverageWindow {
  MINUTE("1m", Duration.ofMinutes(1), Duration.ofMinutes(1)),
  HOUR("1h", Duration.ofHours(1), Duration.ofHours(1)),
  DAY_ROLLING("24h", Duration.ofHours(24), Duration.ofHours(1)),
  DAY("day", Duration.ofHours(24), Duration.ofHours(24));

  private final String id;
  private final Duration size;
  private final Duration advance;

  AverageWindow(String id, Duration size, Duration advance) {
    this.id = id;
    this.size = size;
    this.advance = advance;
  }

  public String id() {
    return id;
  }

  public Duration size() {
    return size;
  }

  public Duration advance() {
    return advance;
  }

  public static Optional<AverageWindow> byId(String id) {
    for (AverageWindow w : values()) {
      if (w.id.equals(id)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
