package io.airq.ingest.payload;

import io.airq.core.reading.Reading;
import java.util.List;
import java.util.Objects;

/** What a message became: canonical readings, or a rejection with its reason. */
public sealed interface ParseResult {

  /** The message was accepted; every reading in it is valid. */
  record Accepted(List<Reading> readings) implements ParseResult {
    public Accepted {
      readings = List.copyOf(readings);
      if (readings.isEmpty()) {
        throw new IllegalArgumentException("an accepted message has at least one reading");
      }
    }
  }

  /** The message was refused as a whole. */
  record Rejected(RejectionCode code, String reason) implements ParseResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }

  static ParseResult rejected(RejectionCode code, String reason) {
    return new Rejected(code, reason);
  }
}
