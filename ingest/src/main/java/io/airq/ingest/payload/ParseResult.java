package io.airq.ingest.payload;

import io.airq.core.reading.Reading;
import java.util.List;
import java.util.Objects;

/** What a message became: canonical readings, or a rejection with its reason. */
public sealed interface ParseResult {

  /**
   * The message was accepted: {@code readings} go on. In a batch, readings with an impossible time
   * are {@code excluded} one by one (each to the dead-letter topic with its index) while the rest
   * goes on.
   */
  record Accepted(List<Reading> readings, List<Excluded> excluded) implements ParseResult {
    public Accepted {
      readings = List.copyOf(readings);
      excluded = List.copyOf(excluded);
      if (readings.isEmpty()) {
        throw new IllegalArgumentException("an accepted message has at least one reading");
      }
    }

    /** Every reading of the message goes on. */
    public Accepted(List<Reading> readings) {
      this(readings, List.of());
    }
  }

  /**
   * One reading of a batch refused alone.
   *
   * @param index its position among the message's readings (for airq JSON: the array index)
   * @param reading the reading as read
   * @param code why
   * @param reason why, in plain words
   */
  record Excluded(int index, Reading reading, RejectionCode code, String reason) {
    public Excluded {
      Objects.requireNonNull(reading, "reading");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
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
