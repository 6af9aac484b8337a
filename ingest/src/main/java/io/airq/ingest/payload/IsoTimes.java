package io.airq.ingest.payload;

import io.airq.core.json.IsoInstants;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads ISO-8601 times with {@code Z} or an offset, as {@link OffsetDateTime#parse} does. The form
 * gateways send almost always, {@code 2026-03-01T10:00:00Z} with an optional fraction, is read by
 * hand ({@link IsoInstants#utc}; DateTimeFormatter parsing was among the top frames of the parser
 * profile); anything else, including every malformed text, goes to {@link OffsetDateTime#parse}, so
 * what is accepted and refused is the same.
 */
final class IsoTimes {
  private IsoTimes() {}

  /**
   * The instant {@code text} names.
   *
   * @throws java.time.format.DateTimeParseException when it is no ISO-8601 time with an offset
   */
  static Instant parse(String text) {
    Instant fast = utc(text);
    return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null when the text is anything else. */
  static Instant utc(String s) {
    return IsoInstants.utc(s);
  }
}
