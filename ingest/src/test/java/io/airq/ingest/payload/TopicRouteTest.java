package io.airq.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicRouteTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final PayloadParser parser = new PayloadParser(ParseLimits.DEFAULTS);

  private ParseResult route(String topic, String body, Optional<SourceFormat> configured) {
    return TopicRoute.parse(parser, topic, body.getBytes(StandardCharsets.UTF_8), NOW, configured);
  }

  private static Reading first(ParseResult r) {
    assertThat(r).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).readings().get(0);
  }

  private static RejectionCode code(ParseResult r) {
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) r).code();
  }

  @Test
  void gatewayAndSensorComeFromTheTopic() {
    Reading r = first(route("airq/v1/gw-7/nbo-01", "{\"values\":{\"pm25\":3}}", Optional.empty()));
    assertThat(r.gatewayId()).isEqualTo("gw-7");
    assertThat(r.sensorId()).isEqualTo("nbo-01");
    assertThat(r.format()).isEqualTo(SourceFormat.AIRQ_JSON);
  }

  @Test
  void dashSensorMeansThePayloadNamesIt() {
    String sc =
        "{\"esp8266id\":\"42\",\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"4\"}]}";
    assertThat(first(route("airq/v1/gw/-", sc, Optional.empty())).sensorId())
        .isEqualTo("esp8266-42");
    assertThat(TopicRoute.sensor("airq/v1/gw/-")).isEmpty();
    assertThat(TopicRoute.sensor("airq/v1/gw/s1/airq")).contains("s1");
    assertThat(TopicRoute.gateway("airq/v1/gw/s1")).contains("gw");
  }

  @Test
  void formatSegmentWinsOverConfiguredFormat() {
    Reading r =
        first(
            route(
                "airq/v1/gw/s1/simulator",
                "{\"values\":{\"pm25\":3}}",
                Optional.of(SourceFormat.REPLAY)));
    assertThat(r.format()).isEqualTo(SourceFormat.SIMULATOR);
  }

  @Test
  void topicsOutsideTheSchemeAreRejected() {
    assertThat(code(route("other/x", "{}", Optional.empty()))).isEqualTo(RejectionCode.BAD_TOPIC);
    assertThat(code(route("airq/v1/gw", "{}", Optional.empty())))
        .isEqualTo(RejectionCode.BAD_TOPIC);
    assertThat(code(route("airq/v1/gw/s/airq/x", "{}", Optional.empty())))
        .isEqualTo(RejectionCode.BAD_TOPIC);
    assertThat(code(route("airq/v1/gw/s/xml", "{}", Optional.empty())))
        .isEqualTo(RejectionCode.UNKNOWN_FORMAT);
  }
}
