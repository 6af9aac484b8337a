package io.airq.planner.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.influxdb.dto.QueryResult;
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

  @Test
  void usAqiOnTheCalendarDayIsReadOnTheAskedGasAndKeepsItsEightHourDailyMaxLabel() {
    assertThat(SeriesIndex.US_AQI.windows()).contains(AverageWindow.DAY);
    assertThat(
            SeriesIndex.US_AQI.select(
                Scope.SENSOR, List.of("nbo-1"), AverageWindow.DAY, Quantity.O3, FROM, TO))
        .contains("\"window\" = 'day' AND \"quantity\" = 'o3'")
        .contains("\"aqi_us_averaging\"");
    List<IndexPoint> read =
        IndexPoint.highestPerWindow(
            answer(
                "aqi_us",
                row(
                    "2026-02-28T21:00:00Z",
                    "nbo-1",
                    112,
                    "Unhealthy for Sensitive Groups",
                    "o3",
                    "8h-daily-max"),
                row("2026-03-01T21:00:00Z", "nbo-1", 48, "Good", "o3", "8h-daily-max")));
    assertThat(read)
        .containsExactly(
            new IndexPoint(
                "nbo-1",
                Instant.parse("2026-02-28T21:00:00Z"),
                112,
                "Unhealthy for Sensitive Groups",
                "o3",
                "8h-daily-max",
                "us-epa-2024"),
            new IndexPoint(
                "nbo-1",
                Instant.parse("2026-03-01T21:00:00Z"),
                48,
                "Good",
                "o3",
                "8h-daily-max",
                "us-epa-2024"));
  }

  @Test
  void naqiOnCpcbsCalendarDayIsTheWorstPollutantsOfEachDay() {
    assertThat(SeriesIndex.NAQI.windows())
        .containsExactly(AverageWindow.DAY_ROLLING, AverageWindow.DAY);
    assertThat(
            SeriesIndex.NAQI.select(
                Scope.SENSOR, List.of("nbo-1"), AverageWindow.DAY, Quantity.PM25, FROM, TO))
        .contains("\"window\" = 'day' AND (\"key\" = 'nbo-1')")
        .doesNotContain("quantity");
    // the day's index was written on PM2.5's point; a stale, lower one on PM10's is not the day's
    QueryResult r =
        answer(
            "naqi",
            row("2026-02-28T21:00:00Z", "nbo-1", 87, "Satisfactory", "pm10", "calendar-day"),
            row("2026-02-28T21:00:00Z", "nbo-1", 142, "Moderate", "pm25", "calendar-day"));
    assertThat(IndexPoint.highestPerWindow(r))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.value()).isEqualTo(142);
              assertThat(p.pollutant()).isEqualTo("pm25");
              assertThat(p.averaging()).isEqualTo("calendar-day");
              assertThat(p.id()).isEqualTo("in-naqi-2014");
            });
  }

  /** A row as InfluxDB answers {@link SeriesIndex#select}: time, key, value and companions. */
  private static List<Object> row(
      String time, String key, int value, String category, String pollutant, String averaging) {
    String id = averaging.equals("8h-daily-max") ? "us-epa-2024" : "in-naqi-2014";
    return new ArrayList<>(
        Arrays.asList(time, key, (double) value, category, pollutant, averaging, id));
  }

  @SafeVarargs
  private static QueryResult answer(String field, List<Object>... rows) {
    QueryResult.Series s = new QueryResult.Series();
    s.setName("average");
    s.setColumns(
        List.of(
            "time",
            "key",
            field,
            field + "_category",
            field + "_pollutant",
            field + "_averaging",
            field + "_id"));
    s.setValues(List.of(rows));
    QueryResult.Result result = new QueryResult.Result();
    result.setSeries(List.of(s));
    QueryResult r = new QueryResult();
    r.setResults(List.of(result));
    return r;
  }
}
