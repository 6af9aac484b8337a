package io.airq.ingest.payload;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import java.time.Duration;
import java.util.List;

/**
 * The bounds a message must respect to be accepted, and the configuration keys that set them (the
 * keys hold the defaults; {@link #DEFAULTS} is read from them).
 *
 * @param maxBytes the largest payload, in bytes
 * @param maxReadings the most readings in one message (an offline batch)
 * @param futureSkew how far in the future a measurement time may be (device clocks drift)
 * @param maxAge how old a measurement time may be (offline buffers)
 */
public record ParseLimits(int maxBytes, int maxReadings, Duration futureSkew, Duration maxAge) {

  public static final ConfigKey<Integer> MAX_BYTES =
      ConfigKey.integer(
          "ingest.max-bytes",
          256 * 1024,
          1,
          Integer.MAX_VALUE,
          "Largest payload accepted, in bytes; larger ones are dead-lettered.");
  public static final ConfigKey<Integer> MAX_READINGS =
      ConfigKey.integer(
          "ingest.max-readings",
          1000,
          1,
          Integer.MAX_VALUE,
          "Most readings accepted in one payload (a gateway's offline batch).");
  public static final ConfigKey<Duration> FUTURE_SKEW =
      ConfigKey.duration(
          "ingest.future-skew",
          Duration.ofMinutes(5),
          "How far in the future a measurement time may be (device clock skew).");
  public static final ConfigKey<Duration> MAX_AGE =
      ConfigKey.duration(
          "ingest.max-age",
          Duration.ofDays(30),
          "How old a measurement may be; older readings are dead-lettered.");

  /** The limit keys, in the order the configuration reference lists them. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(MAX_BYTES, MAX_READINGS, FUTURE_SKEW, MAX_AGE);

  /** The keys' defaults. */
  public static final ParseLimits DEFAULTS =
      new ParseLimits(
          defaultOf(MAX_BYTES),
          defaultOf(MAX_READINGS),
          defaultOf(FUTURE_SKEW),
          defaultOf(MAX_AGE));

  public ParseLimits {
    if (maxBytes <= 0 || maxReadings <= 0) {
      throw new IllegalArgumentException("maxBytes and maxReadings must be positive");
    }
    if (futureSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("futureSkew must be >= 0 and maxAge > 0");
    }
  }

  /** The limits of the loaded configuration. */
  public static ParseLimits from(ConfigValues v) {
    return new ParseLimits(
        v.get(MAX_BYTES), v.get(MAX_READINGS), v.get(FUTURE_SKEW), v.get(MAX_AGE));
  }

  private static <T> T defaultOf(ConfigKey<T> key) {
    return key.type().parse(key.defaultValue());
  }
}
