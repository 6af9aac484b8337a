package io.airq.ingest.payload;

import java.time.Duration;

/**
 * The bounds a message must respect to be accepted.
 *
 * @param maxBytes the largest payload, in bytes
 * @param maxReadings the most readings in one message (an offline batch)
 * @param futureSkew how far in the future a measurement time may be (device clocks drift)
 * @param maxAge how old a measurement time may be (offline buffers)
 */
public record ParseLimits(int maxBytes, int maxReadings, Duration futureSkew, Duration maxAge) {
  public static final ParseLimits DEFAULTS =
      new ParseLimits(256 * 1024, 1000, Duration.ofMinutes(5), Duration.ofDays(30));

  public ParseLimits {
    if (maxBytes <= 0 || maxReadings <= 0) {
      throw new IllegalArgumentException("maxBytes and maxReadings must be positive");
    }
    if (futureSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("futureSkew must be >= 0 and maxAge > 0");
    }
  }
}
