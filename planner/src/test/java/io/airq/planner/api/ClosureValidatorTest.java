package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.closure.ClosureWeather;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosureValidatorTest {
  private static final List<Sensor> SENSORS =
      List.of(
          Sensor.builder("s1")
              .position(-1.28, 36.82)
              .area("CBD")
              .county("Nairobi")
              .reportingInterval(Duration.ofMinutes(1))
              .build(),
          Sensor.builder("wx1")
              .position(-1.30, 36.80)
              .area("Airport")
              .county("Nairobi")
              .reportingInterval(Duration.ofHours(1))
              .kind(SensorKind.WEATHER)
              .build());

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  private static final String OK =
      "{\"id\":\"x1\",\"treated\":{\"areas\":[\"CBD\"]},\"start\":\"2021-03-26T20:00\","
          + "\"end\":\"2021-03-27T04:00\",\"zone\":\"Africa/Nairobi\",\"baseline\":\"P7D\"}";

  @Test
  void validClosureIsAccepted() throws Exception {
    ClosureValidator.Result r = ClosureValidator.validate(json(OK), null, SENSORS);
    assertThat(r.errors()).isEmpty();
    assertThat(r.closure().zone()).isEqualTo(ZoneId.of("Africa/Nairobi"));
  }

  @Test
  void everyProblemIsNamed() throws Exception {
    String bad =
        "{\"id\":\"x1\",\"treated\":{\"sensors\":[\"ghost\"]},\"control\":{\"areas\":[\"Moon\"]},"
            + "\"start\":\"2021-03-27T04:00\",\"end\":\"2021-03-26T20:00\",\"baseline\":\"-P1D\"}";
    assertThat(ClosureValidator.validate(json(bad), null, SENSORS).errors())
        .containsExactlyInAnyOrder(
            "end must be after start",
            "baseline must be positive and at most 366 days",
            "treated: unknown sensor ghost",
            "control: no sensor in area Moon");
  }

  @Test
  void badZoneIdAndBodyAreRejectedWithReasons() throws Exception {
    assertThat(
            ClosureValidator.validate(
                    json(OK.replace("Africa/Nairobi", "Nowhere/X")), null, SENSORS)
                .errors())
        .containsExactly("zone is not a valid time zone: Nowhere/X");
    assertThat(ClosureValidator.validate(json(OK), "other", SENSORS).errors())
        .containsExactly("id in the body differs from the id in the path");
    assertThat(ClosureValidator.validate(json("[1]"), null, SENSORS).errors())
        .containsExactly("the body must be a JSON object");
    assertThat(
            ClosureValidator.validate(json(OK.replace("2021-03-26T20:00", "soon")), null, SENSORS)
                .errors()
                .get(0))
        .startsWith("not a valid closure:");
    assertThat(
            ClosureValidator.validate(json(OK.replace("\"treated\"", "\"x\"")), null, SENSORS)
                .errors())
        .containsExactly("treated must name at least one sensor or area");
  }

  /**
   * Each error comes with a problem whose code is one of {@link ClosureProblem}'s and whose English
   * text, filled with its params, is the error; and these bodies, between them, produce every kind
   * the validator can (all but {@code EXISTS}, which is the closure writes'), so a kind that no
   * longer occurs, or a message written past the enum, fails here.
   */
  @Test
  void everyErrorHasAProblemWithACodeAndItsParams() throws Exception {
    String bad =
        "{\"id\":\"x1\",\"treated\":{\"sensors\":[\"ghost\"]},\"control\":{\"areas\":[\"Moon\"]},"
            + "\"start\":\"2021-03-27T04:00\",\"end\":\"2021-03-26T20:00\",\"baseline\":\"-P1D\"}";
    String station = "{\"weather\":{\"station\":\"%s\"},\"id\"";
    List<String> bodies =
        List.of(
            "[1]",
            bad,
            OK.replace("\"x1\"", "\"-x\"").replace("Africa/Nairobi", "Nowhere/X"),
            OK.replace("{\"id\"", "{\"weather\":\"wx1\",\"street\":5,\"id\""),
            OK.replace("2021-03-26T20:00", "soon"),
            OK.replace("2021-03-27T04:00", "2023-03-27T04:00")
                .replace("\"P7D\"", "\"P7D\",\"after\":\"-PT1H\""),
            OK.replace("\"treated\"", "\"x\""),
            OK.replace(
                "\"P7D\"",
                "\"P7D\",\"comparisonPeriods\":[{\"start\":\"2021-03-26T00:00\",\"end\":\"2021-03-27T00:00\"}]"),
            OK.replace("{\"id\"", station.formatted("nope")),
            OK.replace("{\"id\"", station.formatted("s1")));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String body : bodies) {
      for (String pathId : java.util.Arrays.asList(null, "other")) {
        ClosureValidator.Result r = ClosureValidator.validate(json(body), pathId, SENSORS);
        assertThat(r.valid()).as(body).isFalse();
        assertThat(r.problems()).as(body).hasSameSizeAs(r.errors());
        for (int i = 0; i < r.errors().size(); i++) {
          ApiProblem p = r.problems().get(i);
          ClosureProblem kind =
              java.util.Arrays.stream(ClosureProblem.values())
                  .filter(k -> k.code().equals(p.code()))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("unknown code " + p.code()));
          assertThat(p.params().keySet()).containsExactlyInAnyOrderElementsOf(kind.params());
          assertThat(kind.english(p.params())).isEqualTo(r.errors().get(i));
          if (p.params().containsKey("role")) {
            assertThat(ClosureProblem.ROLES).contains(p.params().get("role"));
          }
          seen.add(p.code());
        }
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(ClosureProblem.values())
                .filter(k -> !ClosureProblem.NOT_FROM_THE_VALIDATOR.contains(k))
                .map(ClosureProblem::code)
                .toList());
  }

  @Test
  void aClosureNamesItsWeatherStationAndKeepsItThroughJson() throws Exception {
    String withStation = OK.replace("{\"id\"", "{\"weather\":{\"station\":\"wx1\"},\"id\"");
    ClosureValidator.Result r = ClosureValidator.validate(json(withStation), null, SENSORS);
    assertThat(r.errors()).isEmpty();
    assertThat(r.closure().weather()).isEqualTo(new ClosureWeather("wx1"));
    JsonNode written = Json.mapper().valueToTree(r.closure());
    assertThat(written.path("weather").path("station").asText()).isEqualTo("wx1");
    assertThat(Json.mapper().treeToValue(written, io.airq.core.closure.Closure.class))
        .isEqualTo(r.closure());
  }

  @Test
  void aClosureWithoutWeatherIsWrittenAsBefore() throws Exception {
    ClosureValidator.Result r = ClosureValidator.validate(json(OK), null, SENSORS);
    assertThat(r.closure().weather()).isNull();
    assertThat(Json.mapper().valueToTree(r.closure()).has("weather")).isFalse();
  }

  @Test
  void weatherStationMustBeARegisteredWeatherSensor() throws Exception {
    assertThat(
            ClosureValidator.validate(
                    json(OK.replace("{\"id\"", "{\"weather\":{\"station\":\"nope\"},\"id\"")),
                    null,
                    SENSORS)
                .errors())
        .containsExactly("weather: unknown sensor nope");
    assertThat(
            ClosureValidator.validate(
                    json(OK.replace("{\"id\"", "{\"weather\":{\"station\":\"s1\"},\"id\"")),
                    null,
                    SENSORS)
                .errors())
        .containsExactly("weather: sensor s1 is of kind air, not weather");
    assertThat(
            ClosureValidator.validate(
                    json(OK.replace("{\"id\"", "{\"weather\":\"wx1\",\"id\"")), null, SENSORS)
                .errors())
        .containsExactly("weather must be an object {\"station\": \"<weather sensor id>\"}");
  }

  @Test
  void aClosureCarriesItsStreetAsAGeoJsonLineStringThroughJson() throws Exception {
    String line = "{\"type\":\"LineString\",\"coordinates\":[[36.8219,-1.2864],[36.8236,-1.2830]]}";
    ClosureValidator.Result r =
        ClosureValidator.validate(
            json(OK.replace("{\"id\"", "{\"street\":" + line + ",\"id\"")), null, SENSORS);
    assertThat(r.errors()).isEmpty();
    assertThat(r.closure().street().coordinates())
        .containsExactly(List.of(36.8219, -1.2864), List.of(36.8236, -1.2830));
    JsonNode written = Json.mapper().valueToTree(r.closure());
    assertThat(written.get("street")).isEqualTo(json(line));
    assertThat(Json.mapper().treeToValue(written, io.airq.core.closure.Closure.class))
        .isEqualTo(r.closure());
    assertThat(
            Json.mapper()
                .valueToTree(ClosureValidator.validate(json(OK), null, SENSORS).closure())
                .has("street"))
        .isFalse();
  }

  @Test
  void aStreetThatIsNotALineStringOfLonLatPositionsIsRefusedWithItsReason() throws Exception {
    String shape =
        "street must be a GeoJSON LineString"
            + " {\"type\": \"LineString\", \"coordinates\": [[lon, lat], ...]}";
    assertThat(street("{\"type\":\"Point\",\"coordinates\":[36.82,-1.28]}")).containsExactly(shape);
    assertThat(street("{\"type\":\"LineString\",\"coordinates\":[36.82,-1.28]}"))
        .containsExactly(shape);
    assertThat(street("{\"type\":\"LineString\",\"coordinates\":[[36.82,-1.28]]}"))
        .containsExactly("not a valid closure: street needs at least two positions [lon, lat]");
    assertThat(street("{\"type\":\"LineString\",\"coordinates\":[[36.82,-1.28],[-1.28,236.8]]}"))
        .containsExactly(
            "not a valid closure: street position 1 is not [lon, lat] in degrees: [-1.28, 236.8]");
    assertThat(street("{\"type\":\"LineString\",\"coordinates\":[[36.82,-1.28],[36.8]]}"))
        .containsExactly("not a valid closure: street position 1 must be [lon, lat]");
  }

  private static List<String> street(String line) throws Exception {
    return ClosureValidator.validate(
            json(OK.replace("{\"id\"", "{\"street\":" + line + ",\"id\"")), null, SENSORS)
        .errors();
  }
}
