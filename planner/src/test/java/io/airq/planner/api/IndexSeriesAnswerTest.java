package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import io.airq.planner.influx.IndexPoint;
import io.airq.planner.influx.SeriesIndex;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/series?index=…}: the daily indices on window {@code day}, with their averaging. */
class IndexSeriesAnswerTest {
  private static final IndexPoint O3_DAY =
      new IndexPoint(
          "nbo-1",
          Instant.parse("2026-02-28T21:00:00Z"),
          112,
          "Unhealthy for Sensitive Groups",
          "o3",
          "8h-daily-max",
          "us-epa-2024");

  @Test
  void theDailyIndicesAreAskedForOnWindowDayAndOtherWindowsAreRefusedByName() {
    assertThat(IndexSeriesAnswer.window(SeriesIndex.US_AQI, Map.of())).isEqualTo(AverageWindow.DAY);
    assertThat(IndexSeriesAnswer.window(SeriesIndex.NAQI, Map.of("window", "day")))
        .isEqualTo(AverageWindow.DAY);
    assertThat(IndexSeriesAnswer.window(SeriesIndex.NAQI, Map.of()))
        .isEqualTo(AverageWindow.DAY_ROLLING);
    assertThatThrownBy(() -> IndexSeriesAnswer.window(SeriesIndex.NAQI, Map.of("window", "1h")))
        .hasMessageContaining("index naqi is on window 24h or day, not 1h");
  }

  @Test
  void eachPointCarriesItsAveragingInJsonAndCsv() {
    ObjectNode o =
        IndexSeriesAnswer.json(SeriesIndex.US_AQI, AverageWindow.DAY, Quantity.O3, List.of(O3_DAY));
    assertThat(o.get("window").asText()).isEqualTo("day");
    assertThat(o.get("quantity").asText()).isEqualTo("o3");
    assertThat(o.at("/points/0/averaging").asText()).isEqualTo("8h-daily-max");
    assertThat(o.at("/points/0/value").asInt()).isEqualTo(112);
    assertThat(IndexSeriesAnswer.csv(List.of(O3_DAY), ""))
        .isEqualTo(
            "key,time,value,category,pollutant,averaging,id\n"
                + "nbo-1,2026-02-28T21:00:00Z,112,Unhealthy for Sensitive Groups,o3,"
                + "8h-daily-max,us-epa-2024\n");
  }
}
