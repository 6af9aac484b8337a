package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.RejectionCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {
  private static final ParseResult ACCEPTED =
      new ParseResult.Accepted(
          List.of(
              Reading.of(
                  "s1",
                  Instant.parse("2026-01-01T00:00:00Z"),
                  null,
                  "gw",
                  SourceFormat.AIRQ_JSON,
                  Map.of(Quantity.PM25, 5.0))));

  /** A batch of which one reading (index 1) was refused alone for its time. */
  private static final ParseResult PARTLY =
      new ParseResult.Accepted(
          ((ParseResult.Accepted) ACCEPTED).readings(),
          List.of(
              new ParseResult.Excluded(
                  1,
                  ((ParseResult.Accepted) ACCEPTED).readings().get(0),
                  RejectionCode.FUTURE_TIMESTAMP,
                  "2099")));

  @Test
  void aPushWithReadingsRefusedAloneIsStoredAndNamesTheirIndex() {
    assertThat(PushAnswer.of(PARTLY, 0, r -> Optional.empty()))
        .isEqualTo(
            new PushAnswer(
                201, "stored 1, dead-lettered 1: [1] future-timestamp\n", Outcome.REJECTED));
  }

  @Test
  void refusalsByALimitAreRejectedAndUnreadablePayloadsInvalid() {
    assertThat(Outcome.of(RejectionCode.PAYLOAD_TOO_LARGE)).isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.of(RejectionCode.BATCH_TOO_LARGE)).isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.of(RejectionCode.FUTURE_TIMESTAMP)).isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.of(RejectionCode.TOO_OLD)).isEqualTo(Outcome.REJECTED);
    for (RejectionCode c :
        List.of(
            RejectionCode.MALFORMED_JSON,
            RejectionCode.NON_FINITE,
            RejectionCode.UNKNOWN_SHAPE,
            RejectionCode.BAD_TOPIC,
            RejectionCode.PARSER_ERROR)) {
      assertThat(Outcome.of(c)).as(c.id()).isEqualTo(Outcome.INVALID);
    }
  }

  @Test
  void aDeliveredMessageIsForwardedUnlessRefusedOrPartlyQuarantined() {
    assertThat(Outcome.delivered(ACCEPTED, 0)).isEqualTo(Outcome.FORWARDED);
    assertThat(Outcome.delivered(ACCEPTED, 1)).isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.delivered(PARTLY, 0)).isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.delivered(new ParseResult.Rejected(RejectionCode.TOO_OLD, "old"), 0))
        .isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.delivered(new ParseResult.Rejected(RejectionCode.NO_VALUES, "none"), 0))
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void aPushIsAnsweredByWhatKafkaStoredAndWhy() {
    PushAnswer stored = PushAnswer.of(ACCEPTED, 0, r -> Optional.empty());
    assertThat(stored).isEqualTo(new PushAnswer(201, "stored\n", Outcome.FORWARDED));

    PushAnswer quarantined =
        PushAnswer.of(
            ACCEPTED,
            1,
            r ->
                Optional.of(
                    new GatewayPolicy.Refusal("unknown-sensor", r.sensorId() + " unknown")));
    assertThat(quarantined)
        .isEqualTo(new PushAnswer(403, "unknown-sensor: s1 unknown\n", Outcome.REJECTED));

    assertThat(
            PushAnswer.of(
                new ParseResult.Rejected(RejectionCode.PAYLOAD_TOO_LARGE, "too big"),
                0,
                r -> Optional.empty()))
        .isEqualTo(new PushAnswer(413, "payload-too-large: too big\n", Outcome.REJECTED));
    assertThat(
            PushAnswer.of(
                new ParseResult.Rejected(RejectionCode.WRONG_TYPE, "P2 is text"),
                0,
                r -> Optional.empty()))
        .isEqualTo(new PushAnswer(400, "wrong-type: P2 is text\n", Outcome.INVALID));
    assertThat(
            PushAnswer.of(
                    new ParseResult.Rejected(RejectionCode.PARSER_ERROR, "bug"),
                    0,
                    r -> Optional.empty())
                .status())
        .as("airq's fault, not the sender's")
        .isEqualTo(500);
    assertThat(PushAnswer.NOT_STORED.status()).isEqualTo(503);
    assertThat(PushAnswer.NOT_STORED.outcome()).isEqualTo(Outcome.UNDELIVERABLE);
  }
}
