package io.airq.ingest;

import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.RejectionCode;
import java.util.EnumSet;
import java.util.Set;

/** What became of a message: the {@code outcome} tag of {@code airq.ingest.messages}. */
enum Outcome {
  /** Every record of the message is in Kafka. */
  FORWARDED("forwarded"),

  /** The payload could not be read (dead-lettered). */
  INVALID("invalid"),

  /**
   * The payload was readable but refused by a limit or a time bound (dead-lettered), or some of its
   * readings were dead-lettered alone (an impossible time in a batch) or quarantined by the strict
   * gateway mode.
   */
  REJECTED("rejected"),

  /** A Kafka send failed; the message stays unacknowledged and is retried. */
  UNDELIVERABLE("undeliverable");

  /** Rejections by the bridge's limits, not by the payload's form. */
  private static final Set<RejectionCode> LIMITS =
      EnumSet.of(
          RejectionCode.PAYLOAD_TOO_LARGE,
          RejectionCode.BATCH_TOO_LARGE,
          RejectionCode.FUTURE_TIMESTAMP,
          RejectionCode.TOO_OLD);

  private final String tag;

  Outcome(String tag) {
    this.tag = tag;
  }

  /** The meter tag's value. */
  String tag() {
    return tag;
  }

  /** A refused message: {@link #REJECTED} for a limit, {@link #INVALID} otherwise. */
  static Outcome of(RejectionCode code) {
    return LIMITS.contains(code) ? REJECTED : INVALID;
  }

  /**
   * A message Kafka took every record of.
   *
   * @param quarantined how many of its readings went to the quarantine topic
   */
  static Outcome delivered(ParseResult result, int quarantined) {
    if (result instanceof ParseResult.Rejected r) {
      return of(r.code());
    }
    boolean partly = ((ParseResult.Accepted) result).excluded().size() > 0;
    return quarantined > 0 || partly ? REJECTED : FORWARDED;
  }
}
