package io.airq.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadParserTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");
  private final PayloadParser parser = new PayloadParser(ParseLimits.DEFAULTS);

  static byte[] sharedPayload(String name) throws IOException {
    return Files.readAllBytes(Path.of(System.getProperty("airq.shared.data"), "payloads", name));
  }

  /** The JSON body of the captured firmware request (after the blank line). */
  static byte[] capturedRequestBody() throws IOException {
    String http =
        new String(
            sharedPayload("airrohr_custom_api_request_NRZ-2020-129.http"), StandardCharsets.UTF_8);
    return http.substring(http.indexOf("\n\n") + 2).trim().getBytes(StandardCharsets.UTF_8);
  }

  private static Origin topic(String sensor) {
    return new Origin(
        "airq/v1/gw-1/" + sensor, "gw-1", Optional.ofNullable(sensor), Optional.empty(), NOW);
  }

  private ParseResult parse(String json, Origin origin) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), origin);
  }

  private static List<Reading> accepted(ParseResult r) {
    assertThat(r).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).readings();
  }

  private static void rejectedWith(ParseResult r, RejectionCode code) {
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) r).code()).isEqualTo(code);
  }

  @Test
  void sensorsAfricaPushBodyMapsP0P1P2ToPm1Pm10Pm25AtReceiveTime() throws IOException {
    Reading r =
        accepted(
                parser.parse(
                    sharedPayload("sensors_africa_push_example.json"), topic("esp8266-15355455")))
            .get(0);
    assertThat(r.sensorId()).isEqualTo("esp8266-15355455");
    assertThat(r.format()).isEqualTo(SourceFormat.SENSOR_COMMUNITY);
    assertThat(r.time()).isEqualTo(NOW);
    assertThat(r.values()).containsEntry(Quantity.PM1, 7.80);
    assertThat(r.values()).containsEntry(Quantity.PM10, 10.50);
    assertThat(r.values()).containsEntry(Quantity.PM25, 13.40);
    assertThat(r.values()).hasSize(3);
  }

  @Test
  void firmwareCustomApiBodyDropsPrefixesConvertsPascalAndNamesSensorFromEsp8266Id()
      throws IOException {
    Reading r = accepted(parser.parse(capturedRequestBody(), topic(null))).get(0);
    assertThat(r.sensorId()).isEqualTo("esp8266-12331981");
    assertThat(r.values()).containsEntry(Quantity.PM10, 0.40).containsEntry(Quantity.PM25, 0.20);
    assertThat(r.values()).containsEntry(Quantity.TEMPERATURE, 20.47);
    assertThat(r.values()).containsEntry(Quantity.HUMIDITY, 69.02);
    assertThat(r.value(Quantity.PRESSURE)).isCloseTo(1006.1325, within(1e-9));
    assertThat(r.values()).hasSize(5); // samples, min_micro, max_micro, signal ignored
  }

  @Test
  void sensorCommunityTimestampIsUsedWhenPresent() {
    Reading r =
        accepted(
                parse(
                    "{\"timestamp\":\"2026-03-01T09:00:00.5Z\",\"sensordatavalues\":"
                        + "[{\"value_type\":\"DHT22_humidity\",\"value\":\"50.6\"}]}",
                    topic("s1")))
            .get(0);
    assertThat(r.time()).isEqualTo(Instant.parse("2026-03-01T09:00:00.5Z"));
    assertThat(r.values()).containsOnlyKeys(Quantity.HUMIDITY);
  }

  @Test
  void airGradientDocumentUsesCompensatedClimateAndRawPm() throws IOException {
    Reading r =
        accepted(
                parser.parse(
                    sharedPayload("airgradient_measures_current_fw3.1.3.json"), topic(null)))
            .get(0);
    assertThat(r.sensorId()).isEqualTo("airgradient-ecda3b1eaaaf");
    assertThat(r.format()).isEqualTo(SourceFormat.AIRGRADIENT);
    assertThat(r.values())
        .containsEntry(Quantity.PM1, 3.0)
        .containsEntry(Quantity.PM25, 7.0)
        .containsEntry(Quantity.PM10, 8.0)
        .containsEntry(Quantity.TEMPERATURE, 24.47)
        .containsEntry(Quantity.HUMIDITY, 49.0)
        .containsEntry(Quantity.CO2, 447.0);
    assertThat(r.time()).isEqualTo(NOW);
  }

  @Test
  void airGradientDocumentFromABufferingGatewayKeepsItsTimestamp() {
    Reading r =
        accepted(
                parse(
                    "{\"serialno\":\"ab12\",\"pm02\":9,\"timestamp\":\"2026-03-01T09:55:00Z\"}",
                    topic(null)))
            .get(0);
    assertThat(r.time()).isEqualTo(Instant.parse("2026-03-01T09:55:00Z"));
    assertThat(r.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void purpleAirDocumentKeepsBothChannelsFromCf1AndConvertsFahrenheit() throws IOException {
    byte[] doc = sharedPayload("purpleair_pa-ii_local_json_fw7.02.json");
    Origin origin =
        new Origin(
            "t", "gw", Optional.empty(), Optional.empty(), Instant.parse("2023-10-26T18:54:00Z"));
    Reading r = accepted(parser.parse(doc, origin)).get(0);
    assertThat(r.sensorId()).isEqualTo("purpleair-441793019d03");
    assertThat(r.format()).isEqualTo(SourceFormat.PURPLEAIR);
    assertThat(r.time()).isEqualTo(Instant.parse("2023-10-26T18:53:40Z"));
    assertThat(r.values())
        .containsEntry(Quantity.PM1, 3.0)
        .containsEntry(Quantity.PM25, 5.0)
        .containsEntry(Quantity.PM10, 5.0)
        .containsEntry(Quantity.HUMIDITY, 35.0)
        .containsEntry(Quantity.PRESSURE, 1022.92);
    assertThat(r.value(Quantity.TEMPERATURE)).isCloseTo(20.5556, within(1e-4));
    assertThat(r.channelB())
        .containsEntry(Quantity.PM1, 3.0)
        .containsEntry(Quantity.PM25, 5.0)
        .containsEntry(Quantity.PM10, 6.0)
        .hasSize(3);
  }

  @Test
  void purpleAirDocumentReceivedMonthsLaterIsTooOld() throws IOException {
    rejectedWith(
        parser.parse(sharedPayload("purpleair_pa-ii_local_json_fw7.02.json"), topic(null)),
        RejectionCode.TOO_OLD);
  }

  @Test
  void airqSingleReadingTakesSensorFromPayloadOverTopic() {
    Reading r =
        accepted(
                parse(
                    "{\"sensor\":\"nbo-cbd-01\",\"time\":\"2026-03-01T10:00:00Z\","
                        + "\"values\":{\"pm25\":12.3,\"humidity\":61}}",
                    topic("other")))
            .get(0);
    assertThat(r.sensorId()).isEqualTo("nbo-cbd-01");
    assertThat(r.gatewayId()).isEqualTo("gw-1");
    assertThat(r.time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(r.receivedAt()).isEqualTo(NOW);
    assertThat(r.values())
        .containsEntry(Quantity.PM25, 12.3)
        .containsEntry(Quantity.HUMIDITY, 61.0);
  }

  @Test
  void airqBatchWithoutSensorUsesTheTopicSensorForEveryReading() {
    List<Reading> rs =
        accepted(
            parse(
                "[{\"time\":\"2026-03-01T09:58:00Z\",\"values\":{\"pm25\":1}},"
                    + "{\"time\":\"2026-03-01T09:59:00Z\",\"values\":{\"pm25\":2}}]",
                topic("nbo-02")));
    assertThat(rs).extracting(Reading::sensorId).containsExactly("nbo-02", "nbo-02");
    assertThat(rs).extracting(r -> r.value(Quantity.PM25)).containsExactly(1.0, 2.0);
  }

  @Test
  void senmlPackResolvesBaseNameBaseTimeAndUnits() {
    String pack =
        "[{\"bn\":\"urn:dev:mac:0024befffe804ff1:\",\"bt\":1772359200,\"bu\":\"ug/m3\","
            + "\"n\":\"pm25\",\"v\":12.5},{\"n\":\"pm10\",\"v\":20},"
            + "{\"n\":\"temperature\",\"u\":\"K\",\"v\":293.15},"
            + "{\"n\":\"pressure\",\"u\":\"Pa\",\"v\":101325},"
            + "{\"n\":\"pm25\",\"t\":-60,\"v\":11}]";
    List<Reading> rs = accepted(parse(pack, topic(null)));
    assertThat(rs).hasSize(2);
    Reading now = rs.get(0);
    assertThat(now.sensorId()).isEqualTo("urn:dev:mac:0024befffe804ff1");
    assertThat(now.time()).isEqualTo(Instant.ofEpochSecond(1772359200));
    assertThat(now.values()).containsEntry(Quantity.PM25, 12.5).containsEntry(Quantity.PM10, 20.0);
    assertThat(now.value(Quantity.TEMPERATURE)).isCloseTo(20.0, within(1e-9));
    assertThat(now.value(Quantity.PRESSURE)).isCloseTo(1013.25, within(1e-9));
    assertThat(rs.get(1).time()).isEqualTo(Instant.ofEpochSecond(1772359140));
    assertThat(rs.get(1).values()).containsOnlyKeys(Quantity.PM25);
  }

  @Test
  void senmlRelativeTimeIsCountedFromReceipt() {
    List<Reading> rs = accepted(parse("[{\"n\":\"pm25\",\"t\":-30,\"v\":3}]", topic("s9")));
    assertThat(rs.get(0).sensorId()).isEqualTo("s9");
    assertThat(rs.get(0).time()).isEqualTo(NOW.minusSeconds(30));
  }

  @Test
  void explicitFormatOverridesDetectionAndMismatchIsRejected() {
    Origin forced =
        new Origin("t", "gw", Optional.of("s1"), Optional.of(SourceFormat.AIRGRADIENT), NOW);
    rejectedWith(
        parse("{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"1\"}]}", forced),
        RejectionCode.NO_VALUES);
    Origin simulator =
        new Origin("t", "gw", Optional.of("s1"), Optional.of(SourceFormat.SIMULATOR), NOW);
    assertThat(accepted(parse("{\"values\":{\"pm25\":4}}", simulator)).get(0).format())
        .isEqualTo(SourceFormat.SIMULATOR);
  }

  @Test
  void badPayloadsAreRejectedWithTheirReason() {
    rejectedWith(parse("{\"values\":", topic("s")), RejectionCode.MALFORMED_JSON);
    rejectedWith(parse("", topic("s")), RejectionCode.MALFORMED_JSON);
    rejectedWith(parse("{\"foo\":1}", topic("s")), RejectionCode.UNKNOWN_SHAPE);
    rejectedWith(parse("42", topic("s")), RejectionCode.UNKNOWN_SHAPE);
    rejectedWith(parse("{\"values\":{\"pm25\":\"12\"}}", topic("s")), RejectionCode.WRONG_TYPE);
    rejectedWith(parse("{\"values\":[1]}", topic("s")), RejectionCode.WRONG_TYPE);
    rejectedWith(parse("{\"values\":{\"pm25\":NaN}}", topic("s")), RejectionCode.NON_FINITE);
    rejectedWith(parse("{\"values\":{\"pm25\":Infinity}}", topic("s")), RejectionCode.NON_FINITE);
    rejectedWith(
        parse("{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"NaN\"}]}", topic("s")),
        RejectionCode.NON_FINITE);
    rejectedWith(
        parse("{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"abc\"}]}", topic("s")),
        RejectionCode.WRONG_TYPE);
    rejectedWith(parse("{\"values\":{\"smell\":3}}", topic("s")), RejectionCode.UNKNOWN_QUANTITY);
    rejectedWith(parse("{\"values\":{}}", topic("s")), RejectionCode.NO_VALUES);
    rejectedWith(parse("{\"values\":{\"pm25\":3}}", topic(null)), RejectionCode.MISSING_SENSOR);
    rejectedWith(
        parse("{\"sensor\":\"a b\",\"values\":{\"pm25\":3}}", topic(null)),
        RejectionCode.INVALID_SENSOR);
    rejectedWith(
        parse("{\"time\":\"yesterday\",\"values\":{\"pm25\":3}}", topic("s")),
        RejectionCode.BAD_TIMESTAMP);
    rejectedWith(
        parse("{\"sensordatavalues\":[{\"value_type\":\"signal\",\"value\":\"-94\"}]}", topic("s")),
        RejectionCode.NO_VALUES);
    rejectedWith(
        parse("[{\"n\":\"pm25\",\"u\":\"lb\",\"v\":3}]", topic("s")),
        RejectionCode.UNSUPPORTED_UNIT);
  }

  @Test
  void negativeAndOutOfRangeValuesGoOnForTheQaRulesToFlag() {
    Reading r =
        accepted(parse("{\"values\":{\"no2\":-3.5,\"pm25\":12,\"humidity\":140}}", topic("s")))
            .get(0);
    assertThat(r.values())
        .containsEntry(Quantity.NO2, -3.5)
        .containsEntry(Quantity.PM25, 12.0)
        .containsEntry(Quantity.HUMIDITY, 140.0);
    // the same through the tree way (a field the fast path does not take)
    Reading viaTree = accepted(parse("{\"values\":{\"no2\":-3.5},\"note\":1}", topic("s"))).get(0);
    assertThat(viaTree.values()).containsEntry(Quantity.NO2, -3.5);
  }

  @Test
  void aBatchReadingWithAnImpossibleTimeIsExcludedAloneWithItsIndex() {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      String time =
          i == 417
              ? "2099-01-01T00:00:00Z"
              : i == 3 ? "2025-01-01T00:00:00Z" : NOW.minusSeconds(1000 - i).toString();
      String no2 = i == 200 ? "-2.5" : "14";
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"time\":\"")
          .append(time)
          .append("\",\"values\":{\"no2\":")
          .append(no2)
          .append("}}");
    }
    ParseResult r = parse(batch.append("]").toString(), topic("s"));
    ParseResult.Accepted a = (ParseResult.Accepted) r;
    assertThat(a.readings()).hasSize(998);
    assertThat(a.readings()).filteredOn(x -> x.value(Quantity.NO2) < 0).hasSize(1);
    assertThat(a.excluded())
        .extracting(ParseResult.Excluded::index, ParseResult.Excluded::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, RejectionCode.TOO_OLD),
            org.assertj.core.groups.Tuple.tuple(417, RejectionCode.FUTURE_TIMESTAMP));
    assertThat(a.excluded().get(1).reading().time())
        .isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    assertThat(a.readings()).noneMatch(x -> x.time().getEpochSecond() > NOW.getEpochSecond());
  }

  @Test
  void aBatchOfOnlyImpossibleTimesIsRefusedWhole() {
    rejectedWith(
        parse(
            "[{\"time\":\"2099-01-01T00:00:00Z\",\"values\":{\"pm25\":3}},"
                + "{\"time\":\"2098-01-01T00:00:00Z\",\"values\":{\"pm25\":3}}]",
            topic("s")),
        RejectionCode.FUTURE_TIMESTAMP);
  }

  @Test
  void temperatureMayBeNegative() {
    assertThat(accepted(parse("{\"values\":{\"temperature\":-12.5}}", topic("s")))).hasSize(1);
  }

  @Test
  void timestampsBeyondSkewOrMaxAgeAreRejected() {
    rejectedWith(
        parse("{\"time\":\"2026-03-01T10:05:31Z\",\"values\":{\"pm25\":3}}", topic("s")),
        RejectionCode.FUTURE_TIMESTAMP);
    assertThat(
            accepted(
                parse("{\"time\":\"2026-03-01T10:05:29Z\",\"values\":{\"pm25\":3}}", topic("s"))))
        .hasSize(1);
    rejectedWith(
        parse("{\"time\":\"2026-01-30T10:00:29Z\",\"values\":{\"pm25\":3}}", topic("s")),
        RejectionCode.TOO_OLD);
    assertThat(
            accepted(
                parse("{\"time\":\"2026-01-30T10:00:31Z\",\"values\":{\"pm25\":3}}", topic("s"))))
        .hasSize(1);
  }

  @Test
  void oversizedPayloadAndBatchAreRejected() {
    byte[] big = new byte[256 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    rejectedWith(parser.parse(big, topic("s")), RejectionCode.PAYLOAD_TOO_LARGE);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"values\":{\"pm25\":1}}");
    }
    rejectedWith(parse(batch.append("]").toString(), topic("s")), RejectionCode.BATCH_TOO_LARGE);
  }
}
