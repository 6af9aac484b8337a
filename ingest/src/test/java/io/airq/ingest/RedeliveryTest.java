package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.ingest.payload.ParseLimits;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.PayloadParser;
import io.airq.ingest.payload.TopicRoute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedeliveryTest {
  private static final PayloadParser PARSER = new PayloadParser(ParseLimits.DEFAULTS);
  private static final String TOPIC = "airq/v1/gw-1/airgradient-84f3eb7b8a35";

  private static ParseResult parse(String topic, byte[] body, Instant receivedAt) {
    return TopicRoute.parse(PARSER, topic, body, receivedAt, Optional.empty());
  }

  private static byte[] airGradient() throws Exception {
    return Files.readAllBytes(
        Path.of(
            System.getProperty("airq.shared.data"),
            "payloads",
            "airgradient_measures_current_fw3.1.3.json"));
  }

  @Test
  void aTimestampLessPayloadHasTheSameDigestOnEveryDeliveryThoughItsReceiveTimeDiffers()
      throws Exception {
    byte[] body = airGradient();
    Instant first = Instant.parse("2026-03-01T10:00:00.123456Z");
    Instant again = first.plusSeconds(41);
    String d1 = Redelivery.digestIfTimeless(parse(TOPIC, body, first), TOPIC, body);
    String d2 = Redelivery.digestIfTimeless(parse(TOPIC, body, again), TOPIC, body);
    assertThat(d1).hasSize(32).isEqualTo(d2);
    assertThat(Redelivery.digestIfTimeless(parse(TOPIC + "x", body, first), TOPIC + "x", body))
        .as("another sensor's identical bytes")
        .isNotEqualTo(d1);
  }

  @Test
  void aPayloadWithItsOwnTimeOrARefusedOneHasNoDigest() {
    Instant at = Instant.parse("2026-03-01T10:00:00.123456Z");
    byte[] timed =
        "{\"time\":\"2026-03-01T09:59:00Z\",\"values\":{\"pm25\":4}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            Redelivery.digestIfTimeless(parse("airq/v1/gw/s1", timed, at), "airq/v1/gw/s1", timed))
        .isNull();
    byte[] bad = "{\"values\":".getBytes(StandardCharsets.UTF_8);
    assertThat(Redelivery.digestIfTimeless(parse("airq/v1/gw/s1", bad, at), "airq/v1/gw/s1", bad))
        .isNull();
    byte[] timeless = "{\"values\":{\"pm25\":4}}".getBytes(StandardCharsets.UTF_8);
    assertThat(
            Redelivery.digestIfTimeless(
                parse("airq/v1/gw/s1", timeless, at), "airq/v1/gw/s1", timeless))
        .isNotNull();
  }
}
