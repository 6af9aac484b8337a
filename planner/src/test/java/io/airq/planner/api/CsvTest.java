package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.planner.influx.SeriesDetail;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void cellsASpreadsheetWouldEvaluateAreEscaped() {
    assertThat(Csv.field("=HYPERLINK(\"http://x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(Csv.field("+1")).isEqualTo("'+1");
    assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
    assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
    assertThat(Csv.field("\r=1")).isEqualTo("\"'\r=1\"");
  }

  @Test
  void ordinaryCellsAreKeptAndQuotedOnlyWhenNeeded() {
    assertThat(Csv.field("moi-avenue")).isEqualTo("moi-avenue");
    assertThat(Csv.field("Moi Avenue, CBD")).isEqualTo("\"Moi Avenue, CBD\"");
    assertThat(Csv.field("a\nb")).isEqualTo("\"a\nb\"");
    assertThat(Csv.field("")).isEmpty();
    assertThat(Csv.num(-1.5)).isEqualTo("-1.5000");
  }

  @Test
  void aWindowsIndexValuesNameTheAveragingTheyWereComputedOn() {
    SeriesDetail day =
        new SeriesDetail(
            "nbo-1",
            Instant.parse("2026-02-28T21:00:00Z"),
            61.0,
            61.0,
            20.0,
            120.0,
            1380,
            1440,
            95.8,
            "none",
            List.of(
                new SeriesDetail.Index(
                    "aqi_us",
                    "us-epa-2024",
                    112,
                    "Unhealthy for Sensitive Groups",
                    "o3",
                    "8h-daily-max")));
    String csv = Csv.series(List.of(day), "o3", Provenance.of("airq", "scope=sensor, window=day"));
    assertThat(csv.lines().toList().get(csv.lines().toList().size() - 1))
        .isEqualTo(
            "nbo-1,2026-02-28T21:00:00Z,o3,61.0000,61.0000,20.0000,120.0000,1380,1440,95.8333,none,"
                + "\"aqi_us=112 (Unhealthy for Sensitive Groups, 8h-daily-max)\"");
  }
}
