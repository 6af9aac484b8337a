package io.airq.ingest.payload;

/** Why a message was refused, as a short stable code (the {@code airq.reason-code} header). */
public enum RejectionCode {
  BAD_TOPIC("bad-topic"),
  UNKNOWN_FORMAT("unknown-format"),
  PAYLOAD_TOO_LARGE("payload-too-large"),
  BATCH_TOO_LARGE("batch-too-large"),
  MALFORMED_JSON("malformed-json"),
  UNKNOWN_SHAPE("unknown-shape"),
  WRONG_TYPE("wrong-type"),
  UNKNOWN_QUANTITY("unknown-quantity"),
  UNSUPPORTED_UNIT("unsupported-unit"),
  NON_FINITE("non-finite"),
  NO_VALUES("no-values"),
  MISSING_SENSOR("missing-sensor"),
  INVALID_SENSOR("invalid-sensor"),
  BAD_TIMESTAMP("bad-timestamp"),
  FUTURE_TIMESTAMP("future-timestamp"),
  TOO_OLD("too-old"),

  /**
   * The parser failed on the message (a bug in airq, not in the sender). The message is kept in the
   * dead-letter topic with the error, instead of hanging unacknowledged.
   */
  PARSER_ERROR("parser-error");

  private final String id;

  RejectionCode(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
