package io.airq.core.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpaPurpleAirCorrectionTest {

  @Test
  void reproducesTheExtended2022ColumnOfThePublishedGrid() throws Exception {
    String dir = System.getProperty("airq.shared.data");
    assertThat(dir).as("system property airq.shared.data (set by the build)").isNotNull();
    List<String> lines =
        Files.readAllLines(Path.of(dir, "reference", "purpleair_correction_grid.csv"));
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
  void theCorrectionIncreasesWithTheReadingAtEveryHumidity() {
    for (int rh = 0; rh <= 100; rh += 5) {
      double previous = -1;
      for (double x = 0; x <= 1000; x += 0.25) {
        double y = EpaPurpleAirCorrection.apply(x, rh);
        assertThat(y).as("x=%s rh=%s", x, rh).isGreaterThanOrEqualTo(previous);
        previous = y;
      }
    }
  }

  @Test
  void theSensorReadingIsTheInverseOfTheCorrectionAcrossAllFivePieces() {
    for (double rh : new double[] {20, 50, 62, 80, 95}) {
      for (double x : new double[] {5, 29.9, 30, 42, 50, 120, 209, 235, 260, 600}) {
        double corrected = EpaPurpleAirCorrection.apply(x, rh);
        if (corrected > EpaPurpleAirCorrection.apply(0, rh)) {
          assertThat(EpaPurpleAirCorrection.sensorReading(corrected, rh))
              .as("x=%s rh=%s", x, rh)
              .isCloseTo(x, within(1e-6));
        }
      }
    }
  }

  @Test
  void aConcentrationTheSensorCannotReachReadsZero() {
    // at 20 % RH a zero reading already corrects to 4.026 µg/m³
    assertThat(EpaPurpleAirCorrection.sensorReading(3.0, 20)).isZero();
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
