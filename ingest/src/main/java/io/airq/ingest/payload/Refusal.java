package io.airq.ingest.payload;

/**
 * Thrown inside an adapter to abandon a message; {@link PayloadParser} turns it into a {@link
 * ParseResult.Rejected} value before it leaves the package.
 */
final class Refusal extends Exception {
  private final RejectionCode code;

  Refusal(RejectionCode code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  RejectionCode code() {
    return code;
  }
}
