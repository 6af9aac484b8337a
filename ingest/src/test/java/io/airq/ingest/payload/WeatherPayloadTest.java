package io.airq.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A weather station's wind, rain and pressure through the airq JSON and SenML adapters. */
class WeatherPayloadTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");
  private final PayloadParser parser = new PayloadParser(ParseLimits.DEFAULTS);

  private ParseResult parse(String json) {
    return parser.parse(
        json.getBytes(StandardCharsets.UTF_8),
        new Origin(
            "airq/v1/gw-wx/cork-wx", "gw-wx", Optional.of("cork-wx"), Optional.empty(), NOW));
  }

  private static List<Reading> accepted(ParseResult r) {
    assertThat(r).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).readings();
  }

  @Test
  void airqJsonCarriesWindRainAndPressureAsTheyAre() {
    String json =
        "{\"sensor\":\"cork-wx\",\"time\":\"2026-03-01T10:00:00Z\",\"values\":{\"wind_speed\":4.6,"
            + "\"wind_dir\":250,\"rain\":0.4,\"pressure\":1011.2,\"temperature\":9.5,"
            + "\"humidity\":88}}";
    Reading r = accepted(parse(json)).get(0);
    assertThat(r.values())
        .containsEntry(Quantity.WIND_SPEED, 4.6)
        .containsEntry(Quantity.WIND_DIR, 250.0)
        .containsEntry(Quantity.RAIN, 0.4)
        .containsEntry(Quantity.PRESSURE, 1011.2)
        .hasSize(6);
  }

  @Test
  void senmlWindAndRainAreConvertedToMetresPerSecondDegreesAndMillimetres() {
    String pack =
        "[{\"bn\":\"cork-wx:\",\"bt\":1772359200,\"n\":\"wind_speed\",\"u\":\"kn\",\"v\":10},"
            + "{\"n\":\"wind_direction\",\"u\":\"rad\",\"v\":3.141592653589793},"
            + "{\"n\":\"precipitation\",\"u\":\"mm\",\"v\":1.2}]";
    Reading r = accepted(parse(pack)).get(0);
    assertThat(r.value(Quantity.WIND_SPEED)).isCloseTo(5.144444, within(1e-6));
    assertThat(r.value(Quantity.WIND_DIR)).isCloseTo(180, within(1e-9));
    assertThat(r.value(Quantity.RAIN)).isEqualTo(1.2);
    Reading kmh =
        accepted(parse("[{\"bn\":\"cork-wx:\",\"n\":\"wind_speed\",\"u\":\"km/h\",\"v\":36}]"))
            .get(0);
    assertThat(kmh.value(Quantity.WIND_SPEED)).isCloseTo(10, within(1e-9));
  }

  @Test
  void aRainRateIsRefusedRatherThanTakenForAnAmount() {
    ParseResult r = parse("[{\"bn\":\"cork-wx:\",\"n\":\"rain\",\"u\":\"mm/h\",\"v\":2}]");
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(RejectionCode.UNSUPPORTED_UNIT);
    assertThat(((ParseResult.Rejected) r).reason()).contains("mm/h").contains("rain");
  }
}
