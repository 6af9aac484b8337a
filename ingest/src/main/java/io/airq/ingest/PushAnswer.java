package io.airq.ingest;

import io.airq.core.reading.Reading;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.ParseResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answer to a Sensor.Community push once Kafka acked its records (or did not).
 *
 * @param status the HTTP status
 * @param body the plain-text body, one line
 * @param outcome what the push counts as
 */
record PushAnswer(int status, String body, Outcome outcome) {

  /** Kafka did not ack in time: the sender should retry. */
  static final PushAnswer NOT_STORED =
      new PushAnswer(503, "not stored, Kafka unavailable; retry later\n", Outcome.UNDELIVERABLE);

  /** A per-pin push Kafka keeps until it is merged with the device's other pins. */
  static PushAnswer pin(String pin, Duration window) {
    return new PushAnswer(
        201,
        "stored pin "
            + pin
            + "; merged with the device's pins of the next "
            + window.toSeconds()
            + " s\n",
        Outcome.FORWARDED);
  }

  /**
   * The answer to a push whose records Kafka acked: 201 stored (naming the index and reason code of
   * each of the first 10 readings of a batch dead-lettered alone); 413, 400 or 500 (airq's fault,
   * not the sender's) for a refused body, with its reason code; 403 when the strict gateway mode
   * quarantined readings.
   *
   * @param quarantined how many readings went to the quarantine topic
   * @param gate the strict gateway mode's check, to name why
   */
  static PushAnswer of(
      ParseResult result,
      int quarantined,
      Function<Reading, Optional<GatewayPolicy.Refusal>> gate) {
    Outcome outcome = Outcome.delivered(result, quarantined);
    if (result instanceof ParseResult.Rejected r) {
      int status =
          switch (r.code()) {
            case PAYLOAD_TOO_LARGE -> 413;
            case PARSER_ERROR -> 500;
            default -> 400;
          };
      return new PushAnswer(status, r.code().id() + ": " + r.reason() + "\n", outcome);
    }
    if (quarantined > 0) {
      Reading first = ((ParseResult.Accepted) result).readings().get(0);
      String why = gate.apply(first).map(g -> g.code() + ": " + g.reason()).orElse("quarantined");
      return new PushAnswer(403, why + "\n", outcome);
    }
    List<ParseResult.Excluded> excluded = ((ParseResult.Accepted) result).excluded();
    if (!excluded.isEmpty()) {
      StringBuilder b = new StringBuilder("stored ");
      b.append(((ParseResult.Accepted) result).readings().size())
          .append(", dead-lettered ")
          .append(excluded.size())
          .append(':');
      for (int i = 0; i < Math.min(excluded.size(), 10); i++) {
        ParseResult.Excluded x = excluded.get(i);
        b.append(" [").append(x.index()).append("] ").append(x.code().id());
      }
      return new PushAnswer(
          201, b.append(excluded.size() > 10 ? " ...\n" : "\n").toString(), outcome);
    }
    return new PushAnswer(201, "stored\n", outcome);
  }
}
