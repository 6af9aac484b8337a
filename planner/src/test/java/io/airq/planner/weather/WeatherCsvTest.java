package io.airq.planner.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeatherCsvTest {
  private static final double KNOT = 1852.0 / 3600.0;

  private static List<String> cork() throws Exception {
    String dir = System.getProperty("airq.shared.data");
    assertThat(dir).as("system property airq.shared.data (set by the build)").isNotNull();
    return Files.readAllLines(Path.of(dir, "cork", "SPS_combined.csv"));
  }

  @Test
  void theCorkAirportColumnsAreReadAsTheyAreWithKnotsAndLocalTimeConverted() throws Exception {
    List<String> lines = cork();
    WeatherCsv.Result r = WeatherCsv.parse(lines, Optional.empty(), Optional.empty());
    assertThat(r.errors()).isEmpty();
    assertThat(r.format()).isEqualTo(WeatherFormat.CORK);
    assertThat(r.windUnit()).isEqualTo(WeatherFormat.WindUnit.KNOTS);
    // line 2: "2023-08-06 18:00:00+01:00",646,1469,0,17.7,13,8.6,11.2,55,1022.7,13,290,...
    WeatherHour first = r.hours().get(0);
    assertThat(first.start()).isEqualTo(Instant.parse("2023-08-06T17:00:00Z"));
    assertThat(first.values())
        .containsEntry(Quantity.RAIN, 0.0)
        .containsEntry(Quantity.TEMPERATURE, 17.7)
        .containsEntry(Quantity.HUMIDITY, 55.0)
        .containsEntry(Quantity.PRESSURE, 1022.7)
        .containsEntry(Quantity.WIND_DIR, 290.0);
    assertThat(first.values().get(Quantity.WIND_SPEED)).isCloseTo(13 * KNOT, within(1e-12));
    // every data row is an hour, except the rows whose weather is NA, which are listed
    int rows = lines.size() - 1;
    assertThat(r.hours().size() + r.emptyRows().size()).isEqualTo(rows);
    for (int line : r.emptyRows()) {
      assertThat(lines.get(line - 1)).contains(",NA,NA,NA");
    }
    assertThat(r.emptyRows()).isNotEmpty();
    // a direction of 360 (north) is written 0, so every direction is in [0, 360)
    long north360 = lines.stream().skip(1).filter(l -> l.split(",")[11].equals("360")).count();
    assertThat(north360).isPositive();
    assertThat(r.hours())
        .allSatisfy(
            h -> assertThat(h.values().getOrDefault(Quantity.WIND_DIR, 0.0)).isLessThan(360));
  }

  @Test
  void aPlainFileInMetresPerSecondOrKnots() {
    List<String> plain =
        List.of(
            "time,wind_speed,wind_dir,temperature,humidity,rain",
            "2024-01-10T00:00:00Z,4.5,350,6.1,92,0.2",
            "2024-01-10T01:00:00Z,5,10,5.9,93,");
    WeatherCsv.Result r = WeatherCsv.parse(plain, Optional.empty(), Optional.empty());
    assertThat(r.errors()).isEmpty();
    assertThat(r.format()).isEqualTo(WeatherFormat.PLAIN);
    assertThat(r.hours()).hasSize(2);
    assertThat(r.hours().get(0).values()).containsEntry(Quantity.WIND_SPEED, 4.5);
    assertThat(r.hours().get(1).values()).doesNotContainKey(Quantity.RAIN);
    assertThat(r.missing()).containsEntry("rain", 1);
    WeatherCsv.Result knots =
        WeatherCsv.parse(plain, Optional.empty(), Optional.of(WeatherFormat.WindUnit.KNOTS));
    assertThat(knots.hours().get(1).values().get(Quantity.WIND_SPEED))
        .isCloseTo(5 * KNOT, within(1e-12));
  }

  @Test
  void everyBadRowIsReportedWithItsLineNumberAndNothingIsKept() {
    List<String> bad =
        List.of(
            "time,wind_speed,wind_dir,temperature,humidity,rain,gusts",
            "2024-01-10T00:00:00Z,4.5,350,6.1,92,0.2,9");
    assertThat(WeatherCsv.parse(bad, Optional.empty(), Optional.empty()).errors())
        .containsExactly(
            "line 1: unknown column gusts (plain columns: time, wind_speed, wind_dir,"
                + " temperature, humidity, rain, pressure)");
    List<String> rows =
        List.of(
            "time,wind_speed,wind_dir,rain",
            "2024-01-10T00:00:00Z,4.5,350,0.2",
            "2024-01-10T01:00:00Z,-1,370,x",
            "2024-01-10T01:30:00Z,1,1,0",
            "2024-01-10 02:00:00,1,1,0",
            "2024-01-10T00:00:00Z,1,1,0",
            "2024-01-10T03:00:00Z,1,1");
    WeatherCsv.Result r = WeatherCsv.parse(rows, Optional.empty(), Optional.empty());
    assertThat(r.hours()).isEmpty();
    assertThat(r.errors())
        .containsExactly(
            "line 3: wind_speed -1 is outside wind_speed's range [0.0, 100.0] m/s",
            "line 3: wind_dir 370 is outside wind_dir's range [0.0, 360.0) °",
            "line 3: rain x is not a number",
            "line 4: time 2024-01-10T01:30:00Z is not on the hour (hourly values only)",
            "line 5: time 2024-01-10 02:00:00 is not an ISO-8601 date-time with Z or an offset"
                + " (2023-09-22T07:00:00Z, 2023-09-22 08:00:00+01:00)",
            "line 6: hour 2024-01-10T00:00:00Z is already on line 2",
            "line 7: 3 cells, the header has 4");
  }

  @Test
  void aFileOfNeitherLayoutSaysWhatIsExpected() {
    assertThat(WeatherCsv.parse(List.of("a,b", "1,2"), Optional.empty(), Optional.empty()).errors())
        .singleElement()
        .asString()
        .startsWith("line 1: neither a cork header");
  }
}
