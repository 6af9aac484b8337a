package io.airq.streams.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.streams.SharedData;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpaPurpleAirCorrectionTest {

  @Test
  void reproducesTheExtended2022ColumnOfThePublishedGrid() throws Exception {
    List<String> lines =
        Files.readAllLines(SharedData.file("reference/purpleair_correction_grid.csv"));
    String[] header = lines.get(1).split(",");
    assertThat(header[2]).startsWith("extended_2022_5piece");
    int checked = 0;
    for (String line : lines.subList(2, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      double x = Double.parseDouble(f[0]);
      double rh = Double.parseDouble(f[1]);
      double expected = Double.parseDouble(f[2]);
      assertThat(EpaPurpleAirCorrection.apply(x, rh))
          .as("x=%s rh=%s", x, rh)
          .isCloseTo(expected, within(0.00051));
      checked++;
    }
    assertThat(checked).isEqualTo(60);
  }

  @Test
  void lowConcentrationsFollowTheUsWide2021Formula() {
    assertThat(EpaPurpleAirCorrection.apply(20, 50))
        .isCloseTo(0.524 * 20 - 0.0862 * 50 + 5.75, within(1e-12));
  }

  @Test
  void plantowerClassModelsAreRecognisedCaseInsensitively() {
    assertThat(EpaPurpleAirCorrection.appliesToModel("pms5003")).isTrue();
    assertThat(EpaPurpleAirCorrection.appliesToModel("PurpleAir PA-II")).isTrue();
    assertThat(EpaPurpleAirCorrection.appliesToModel("Plantower PMS7003")).isTrue();
    assertThat(EpaPurpleAirCorrection.appliesToModel("SDS011")).isFalse();
    assertThat(EpaPurpleAirCorrection.appliesToModel("")).isFalse();
  }
}
