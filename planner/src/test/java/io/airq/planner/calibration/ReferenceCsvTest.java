package io.airq.planner.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceCsvTest {
  @Test
  void theAberdeenCouncilStationIsReadWithEachHourLabelledByItsEnd() throws Exception {
    String root = System.getProperty("airq.shared.data", System.getenv("AIRQ_SHARED_DATA"));
    assertThat(root).as("system property airq.shared.data (set by the build)").isNotNull();
    List<String> lines =
        Files.readAllLines(
            Path.of(root, "aberdeen", "council_reference_aberdeen-union-street-roadside.csv"));
    Map<Instant, Double> pm25 = ReferenceCsv.hourly(lines, "pm25", ZoneOffset.UTC, false);
    // "2019-05-01 01:00:00;45;21;17": the hour 00:00–01:00
    assertThat(pm25.get(Instant.parse("2019-05-01T00:00:00Z"))).isEqualTo(17);
    assertThat(pm25.get(Instant.parse("2019-05-01T23:00:00Z"))).isEqualTo(20);
    Map<Instant, Double> pm10 = ReferenceCsv.hourly(lines, "PM10", ZoneOffset.UTC, true);
    assertThat(pm10.get(Instant.parse("2019-05-01T01:00:00Z"))).isEqualTo(21);
    assertThat(pm25.size()).isLessThanOrEqualTo(lines.size() - 1).isGreaterThan(10_000);
  }

  @Test
  void missingValuesAreSkippedOffsetsAndZonesAreHonouredAndAnUnknownColumnIsNamed() {
    List<String> lines =
        List.of(
            "time,no2,PM2.5",
            "2023-08-06 18:00:00+01:00,12,NA",
            "2023-08-06T19:00:00,13,4.5",
            "\"2023-08-06 20:00:00\",,\"5\"");
    Map<Instant, Double> m = ReferenceCsv.hourly(lines, "pm25", ZoneId.of("Europe/Dublin"), true);
    assertThat(m)
        .containsExactly(
            Map.entry(Instant.parse("2023-08-06T18:00:00Z"), 4.5),
            Map.entry(Instant.parse("2023-08-06T19:00:00Z"), 5.0));
    assertThatThrownBy(() -> ReferenceCsv.hourly(lines, "o3", ZoneOffset.UTC, true))
        .hasMessageContaining("no column o3; its columns: [time, no2, PM2.5]");
    assertThatThrownBy(
            () ->
                ReferenceCsv.hourly(List.of("t;pm25", "yesterday;3"), "pm25", ZoneOffset.UTC, true))
        .hasMessageContaining("line 2: the time is not an ISO-8601 date-time: yesterday");
  }
}
