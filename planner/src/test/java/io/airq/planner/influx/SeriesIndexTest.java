package io.airq.planner.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesIndexTest {
  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void aSubIndexIsReadOnItsQuantityAndTheWorstPollutantsOnAllOfThem() {
    assertThat(
            SeriesIndex.US_AQI_NOWCAST.select(
                Scope.SENSOR, List.of("s'1"), AverageWindow.HOUR, Quantity.PM10, FROM, TO))
        .isEqualTo(
            "SELECT \"key\", \"aqi_us_nowcast\", \"aqi_us_nowcast_category\","
                + " \"aqi_us_nowcast_pollutant\", \"aqi_us_nowcast_averaging\", \"aqi_us_nowcast_id\""
                + " FROM \"average\" WHERE \"scope\" = 'sensor' AND \"window\" = '1h'"
                + " AND \"quantity\" = 'pm10' AND (\"key\" = 's\\'1') AND \"aqi_us_nowcast\" >= 0"
                + " AND time >= '2026-03-01T00:00:00Z' AND time < '2026-03-02T00:00:00Z'");
    assertThat(
            SeriesIndex.EAQI.select(
                Scope.AREA, List.of("cbd"), AverageWindow.HOUR, Quantity.PM25, FROM, TO))
        .doesNotContain("quantity")
        .contains("\"eaqi\" >= 0");
  }

  @Test
  void idsAndTheirWindows() {
    assertThat(SeriesIndex.byId("us-aqi-nowcast")).contains(SeriesIndex.US_AQI_NOWCAST);
    assertThat(SeriesIndex.byId("aqi")).isEmpty();
    assertThat(SeriesIndex.US_AQI.windows())
        .containsExactly(AverageWindow.DAY, AverageWindow.DAY_ROLLING);
    assertThat(SeriesIndex.ids()).startsWith("us-aqi-nowcast, us-aqi, ");
  }
}
