package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SensorValidatorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  @Test
  void everyProblemIsListedAtOnce() throws Exception {
    SensorValidator.Result r =
        SensorValidator.validate(
            json(
                """
                {"id":"bad id","lat":91,"kind":"water","hostType":"neighbour",
                 "reportingInterval":"5 minutes","installed":"yesterday","indoor":"no",
                 "calibration":{"pm25":{"slope":"x","intercept":0},"ozone3":{"slope":1}}}"""),
            null,
            Optional.empty(),
            NOW);
    assertThat(r.valid()).isFalse();
    assertThat(r.errors())
        .containsExactlyInAnyOrder(
            "id must be 1–100 letters, digits, '.', '_', ':' or '-', starting with one of the"
                + " first two",
            "lat must be a number from -90 to 90: 91",
            "lon is required",
            "indoor must be true or false",
            "hostType must be public or resident: neighbour",
            "kind must be air or weather: water",
            "reportingInterval is not an ISO-8601 duration (e.g. PT2M): 5 minutes",
            "installed is not an ISO-8601 instant or date: yesterday",
            "calibration.pm25.slope must be a number from -1000000 to 1000000: \"x\"",
            "calibration.ozone3: unknown quantity");
  }

  @Test
  void aNewSensorWithoutAnInstallationDateIsInstalledNowSoItNeverCountsForThePast()
      throws Exception {
    Sensor s =
        SensorValidator.validate(
                json("{\"id\":\"s1\",\"lat\":-1.28,\"lon\":36.82}"), null, Optional.empty(), NOW)
            .sensor();
    assertThat(s.installed()).isEqualTo(NOW);
    assertThat(s.kind()).isEqualTo(SensorKind.AIR);
    assertThat(s.reportingInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aReplacementKeepsTheRegisteredInstallationUnlessItGivesOne() throws Exception {
    Sensor old =
        SensorValidator.validate(
                json("{\"id\":\"s1\",\"lat\":1,\"lon\":2,\"installed\":\"2021-06-01\"}"),
                null,
                Optional.empty(),
                NOW)
            .sensor();
    assertThat(old.installed()).isEqualTo(Instant.parse("2021-06-01T00:00:00Z"));
    Sensor replaced =
        SensorValidator.validate(
                json("{\"lat\":1,\"lon\":3,\"model\":\"SDS011\"}"), "s1", Optional.of(old), NOW)
            .sensor();
    assertThat(replaced.installed()).isEqualTo(old.installed());
    assertThat(replaced.id()).isEqualTo("s1");
  }

  @Test
  void severalCalibrationVersionsAreReadAsAnArrayAndTwoFromTheSameDateAreRefused()
      throws Exception {
    Sensor s =
        SensorValidator.validate(
                json(
                    """
                    {"id":"s1","lat":1,"lon":2,
                     "calibration":{"pm25":[{"slope":0.5,"intercept":1,"id":"v2","from":"2021-06-01"},
                                            {"slope":0.7,"intercept":0,"id":"v1","from":"2021-01-01"}]}}"""),
                null,
                Optional.empty(),
                NOW)
            .sensor();
    assertThat(s.calibrationAt(Quantity.PM25, Instant.parse("2021-03-01T00:00:00Z")).id())
        .isEqualTo("v1");
    assertThat(s.calibrationAt(Quantity.PM25, Instant.parse("2021-07-01T00:00:00Z")).id())
        .isEqualTo("v2");
    assertThat(
            SensorValidator.validate(
                    json(
                        """
                        {"id":"s1","lat":1,"lon":2,
                         "calibration":{"pm25":[{"slope":0.5,"intercept":1,"id":"a","from":"2021-06-01"},
                                                {"slope":"x","intercept":0,"id":"b","from":"2021-06-01"}]}}"""),
                    null,
                    Optional.empty(),
                    NOW)
                .errors())
        .containsExactly(
            "calibration.pm25[1].slope must be a number from -1000000 to 1000000: \"x\"");
    assertThat(
            SensorValidator.validate(
                    json(
                        """
                        {"id":"s1","lat":1,"lon":2,
                         "calibration":{"pm25":[{"slope":0.5,"intercept":1,"id":"a","from":"2021-06-01"},
                                                {"slope":0.6,"intercept":0,"id":"b","from":"2021-06-01"}]}}"""),
                    null,
                    Optional.empty(),
                    NOW)
                .errors())
        .containsExactly(
            "calibration.pm25: two calibration versions apply from 2021-06-01T00:00:00Z");
  }

  @Test
  void calibrationVersionsAndDatesAreRead() throws Exception {
    Sensor s =
        SensorValidator.validate(
                json(
                    """
                    {"id":"s1","lat":1,"lon":2,"installed":"2021-01-01T00:00:00Z",
                     "retired":"2021-12-31","kind":"weather","licence":"ODbL-1.0",
                     "calibration":{"pm25":{"slope":0.5,"intercept":1,"id":"v3",
                                            "from":"2021-06-01"}}}"""),
                null,
                Optional.empty(),
                NOW)
            .sensor();
    assertThat(s.calibration().get(Quantity.PM25).latest().id()).isEqualTo("v3");
    assertThat(s.calibration().get(Quantity.PM25).latest().from())
        .isEqualTo(Instant.parse("2021-06-01T00:00:00Z"));
    assertThat(s.retired()).isEqualTo(Instant.parse("2021-12-31T00:00:00Z"));
    assertThat(s.kind()).isEqualTo(SensorKind.WEATHER);
    assertThat(s.licence()).isEqualTo("ODbL-1.0");
  }

  @Test
  void retiredBeforeInstalledAndAPathIdThatDiffersAreRefused() throws Exception {
    SensorValidator.Result r =
        SensorValidator.validate(
            json(
                "{\"id\":\"s2\",\"lat\":1,\"lon\":2,\"installed\":\"2021-06-01\","
                    + "\"retired\":\"2021-05-01\"}"),
            "s1",
            Optional.empty(),
            NOW);
    assertThat(r.errors())
        .containsExactly(
            "id in the body differs from the id in the path", "retired must be after installed");
  }

  @Test
  void aZoneMustBeAnIanaId() throws Exception {
    assertThat(
            SensorValidator.validate(
                    json("{\"id\":\"s1\",\"lat\":-1.28,\"lon\":36.82,\"zone\":\"EAT\"}"),
                    null,
                    Optional.empty(),
                    NOW)
                .errors())
        .containsExactly(
            "zone is not an IANA time zone id (e.g. Africa/Nairobi, Europe/Dublin, UTC): EAT");
    assertThat(
            SensorValidator.validate(
                    json(
                        "{\"id\":\"s1\",\"lat\":-1.28,\"lon\":36.82,"
                            + "\"zone\":\"Africa/Nairobi\"}"),
                    null,
                    Optional.empty(),
                    NOW)
                .sensor()
                .zone())
        .isEqualTo("Africa/Nairobi");
  }
}
