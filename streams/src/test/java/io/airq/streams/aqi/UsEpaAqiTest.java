package io.airq.streams.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.streams.SharedData;
import io.airq.streams.aqi.UsEpaAqi.Pollutant;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UsEpaAqiTest {
  private static final Map<String, Pollutant> POLLUTANTS =
      Map.of(
          "PM2.5_24h_ugm3", Pollutant.PM25_24H,
          "PM10_24h_ugm3", Pollutant.PM10_24H,
          "O3_8h_ppm", Pollutant.O3_8H,
          "O3_1h_ppm", Pollutant.O3_1H,
          "CO_8h_ppm", Pollutant.CO_8H,
          "NO2_1h_ppb", Pollutant.NO2_1H,
          "SO2_1h_ppb", Pollutant.SO2_1H);

  /**
   * Every vector whose may2024 column holds an index must match. Vectors without one (beyond_table:
   * libraries extrapolate or cap above the last breakpoint, a convention EPA does not define;
   * empty: a negative concentration) must give no index. The may2024 column is used, not
   * expected_index_in_source, because the note column flags upstream mistakes (superseded pre-2015
   * ozone table, no truncation, pre-2024 PM2.5 table).
   */
  @Test
  void matchesTheMay2024ColumnOfTheReferenceVectors() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.file("reference/us_epa_aqi_vectors.csv"));
    List<String> failures = new ArrayList<>();
    int checked = 0;
    int withoutIndex = 0;
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = csv(line);
      Pollutant p = POLLUTANTS.get(f.get(4));
      double c = Double.parseDouble(f.get(7));
      String may2024 = f.get(10);
      OptionalInt got = UsEpaAqi.index(p, c);
      if (may2024.matches("\\d+")) {
        checked++;
        if (got.isEmpty() || got.getAsInt() != Integer.parseInt(may2024)) {
          failures.add(f.get(4) + " " + c + ": expected " + may2024 + " got " + got);
        }
      } else {
        withoutIndex++;
        if (got.isPresent()) {
          failures.add(f.get(4) + " " + c + ": expected no index, got " + got);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isEqualTo(49);
    assertThat(withoutIndex).isEqualTo(5);
  }

  private static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char ch : line.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
