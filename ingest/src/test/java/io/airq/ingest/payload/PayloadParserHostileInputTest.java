package io.airq.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Inputs found by the hostile-input suite (e2e HostileInputIT) that once got through. */
class PayloadParserHostileInputTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");
  private final PayloadParser parser = new PayloadParser(ParseLimits.DEFAULTS);

  private ParseResult parse(String body) {
    return parser.parse(
        body.getBytes(StandardCharsets.UTF_8),
        new Origin("airq/v1/gw-1/-", "gw-1", Optional.empty(), Optional.empty(), NOW));
  }

  @Test
  void twoConcatenatedDocumentsAreMalformedInsteadOfForwardingOnlyTheFirst() {
    ParseResult r =
        parse(
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1}}{\"sensor\":\"b\",\"values\":{\"pm25\":2}}");
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
  }

  @Test
  void garbageAfterTheDocumentIsMalformed() {
    ParseResult r = parse("{\"sensor\":\"a\",\"values\":{\"pm25\":1}} x,evil=1 pm25=999");
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
  }

  @Test
  void trailingWhitespaceAndNewlineStayValid() {
    assertThat(parse("{\"sensor\":\"a\",\"values\":{\"pm25\":1}}\r\n  "))
        .isInstanceOf(ParseResult.Accepted.class);
  }

  @Test
  void senmlBaseValuePlusValueOverflowingToInfinityIsNonFinite() {
    ParseResult r = parse("[{\"bn\":\"a:\",\"bv\":1e308,\"n\":\"pm25\",\"v\":1e308}]");
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(RejectionCode.NON_FINITE);
  }

  @Test
  void senmlKilopascalOverflowingToInfinityIsNonFinite() {
    ParseResult r = parse("[{\"bn\":\"a:\",\"n\":\"pressure\",\"u\":\"kPa\",\"v\":1e308}]");
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(RejectionCode.NON_FINITE);
  }

  @Test
  void purpleAirFahrenheitOverflowingToInfinityIsNonFinite() {
    ParseResult r =
        parse(
            "{\"SensorId\":\"44:17:93:1:9d:3\",\"DateTime\":\"2026/03/01T10:00:00z\","
                + "\"current_temp_f\":1e308,\"pm2_5_cf_1\":1}");
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(RejectionCode.NON_FINITE);
  }
}
