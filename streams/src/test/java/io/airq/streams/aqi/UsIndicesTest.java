package io.airq.streams.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.SharedData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsIndicesTest {
  /**
   * EPA's May 2024 24-hour PM tables, as {cLow, cHigh, iLow, iHigh} rows, typed in from the TAD.
   */
  private static final double[][] PM25 = {
    {0.0, 9.0, 0, 50},
    {9.1, 35.4, 51, 100},
    {35.5, 55.4, 101, 150},
    {55.5, 125.4, 151, 200},
    {125.5, 225.4, 201, 300},
    {225.5, 325.4, 301, 500}
  };

  private static final double[][] PM10 = {
    {0, 54, 0, 50},
    {55, 154, 51, 100},
    {155, 254, 101, 150},
    {255, 354, 151, 200},
    {355, 424, 201, 300},
    {425, 604, 301, 500}
  };

  private static final String[] CATEGORY = {
    "Good", "Moderate", "Unhealthy for Sensitive Groups", "Unhealthy", "Very Unhealthy", "Hazardous"
  };

  private static int daily(Quantity q, double c) {
    return UsIndices.daily(q, c, IndexValue.ROLLING_24H).value();
  }

  @Test
  void everyBreakpointEdgeOfThe24HourPmTablesGivesItsIndexAndCategory() {
    for (Object[] t : new Object[][] {{Quantity.PM25, PM25, 0.1}, {Quantity.PM10, PM10, 1.0}}) {
      Quantity q = (Quantity) t[0];
      double[][] rows = (double[][]) t[1];
      double step = (double) t[2];
      for (int i = 0; i < rows.length; i++) {
        double[] r = rows[i];
        IndexValue low = UsIndices.daily(q, r[0], IndexValue.ROLLING_24H);
        IndexValue high = UsIndices.daily(q, r[1], IndexValue.ROLLING_24H);
        assertThat(low.value()).as("%s at %s", q, r[0]).isEqualTo((int) r[2]);
        assertThat(high.value()).as("%s at %s", q, r[1]).isEqualTo((int) r[3]);
        assertThat(low.category()).as("%s at %s", q, r[0]).isEqualTo(CATEGORY[i]);
        assertThat(high.category()).as("%s at %s", q, r[1]).isEqualTo(CATEGORY[i]);
        assertThat(low.field()).isEqualTo("aqi_us");
        assertThat(low.id()).isEqualTo("us-epa-2024");
        assertThat(low.pollutant()).isEqualTo(q);
        // between two rows: truncated to the table's precision, so it stays in the lower row
        assertThat(daily(q, r[1] + step * 0.99))
            .as("%s just above %s", q, r[1])
            .isEqualTo((int) r[3]);
      }
      double top = rows[rows.length - 1][1];
      assertThat(UsIndices.daily(q, top + step, IndexValue.ROLLING_24H))
          .as("%s above the table", q)
          .isNull();
      assertThat(UsIndices.daily(q, -0.1, IndexValue.ROLLING_24H)).isNull();
    }
    assertThat(UsIndices.daily(Quantity.NO2, 40, IndexValue.ROLLING_24H))
        .as("NO2 has no 24-hour table")
        .isNull();
  }

  /** The PM rows of the reference vectors whose May 2024 column holds an index. */
  @Test
  void pmVectorsOfTheReferenceCsvGiveTheMay2024Index() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.file("reference/us_epa_aqi_vectors.csv"));
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = Arrays.asList(line.split(",", -1));
      Quantity q =
          switch (f.get(4)) {
            case "PM2.5_24h_ugm3" -> Quantity.PM25;
            case "PM10_24h_ugm3" -> Quantity.PM10;
            default -> null;
          };
      if (q == null || !f.get(10).matches("\\d+")) {
        continue;
      }
      double c = Double.parseDouble(f.get(7));
      assertThat(daily(q, c)).as("%s %s", q, c).isEqualTo(Integer.parseInt(f.get(10)));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(25);
  }

  @Test
  void aSteadySeriesHasItsOwnValueAsNowCast() {
    List<Double> h = new ArrayList<>(java.util.Collections.nCopies(12, 10.0));
    // w = 10 / 10 = 1: the plain mean, 10.0; (100 - 51) / (35.4 - 9.1) * (10.0 - 9.1) + 51 = 52.68
    IndexValue v = UsIndices.nowCast(Quantity.PM25, h);
    assertThat(v)
        .isEqualTo(
            new IndexValue(
                "aqi_us_nowcast",
                "us-epa-2024",
                53,
                "Moderate",
                Quantity.PM25,
                IndexValue.NOWCAST_12H));
  }

  @Test
  void aRisingSeriesWeighsTheRecentHoursMost() {
    // PM2.5 hours 10, 12, ..., 32 (most recent 32): min / max = 10 / 32 = 0.3125, floored at 0.5.
    List<Double> h = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      h.add(32.0 - 2 * i);
    }
    // sum 0.5^i (32 - 2i) = 32 * 1.99951171875 - 2 * 1.99365234375 = 59.9970703125
    // / sum 0.5^i = 1.99951171875 -> 30.0059 -> 30.0; 49 / 26.3 * (30.0 - 9.1) + 51 = 89.94 -> 90
    assertThat(UsIndices.nowCast(Quantity.PM25, h).value()).isEqualTo(90);
    assertThat(NowCast.of(h).getAsDouble()).isCloseTo(59.9970703125 / 1.99951171875, within());
    // PM10 120, 100, 90, 80, 70, 60 x 7 (most recent first): w = 60 / 120 = 0.5
    // (120 + 50 + 22.5 + 10 + 4.375 + 60 * (1/32 + ... + 1/2048 = 0.06201171875)) / 1.99951171875
    //   = (206.875 + 60 * 0.06201171875) / 1.99951171875 = 210.5957 / 1.9995 = 105.32 -> 105
    // 49 / 99 * (105 - 55) + 51 = 75.75 -> 76
    List<Double> pm10 = new ArrayList<>(List.of(120.0, 100.0, 90.0, 80.0, 70.0));
    pm10.addAll(java.util.Collections.nCopies(7, 60.0));
    assertThat(UsIndices.nowCast(Quantity.PM10, pm10).value()).isEqualTo(76);
    assertThat(UsIndices.nowCast(Quantity.PM10, pm10).category()).isEqualTo("Moderate");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  @Test
  void missingHoursAreLeftOutOfTheWeightsAndTwoOfTheLastThreeAreNeeded() {
    // 20, -, 16, -, -, 12, then nothing: min / max = 12 / 20 = 0.6
    // (20 + 0.36 * 16 + 0.07776 * 12) / (1 + 0.36 + 0.07776) = 26.69312 / 1.43776 = 18.566 -> 18.5
    // 49 / 26.3 * (18.5 - 9.1) + 51 = 68.51 -> 69
    List<Double> h = Arrays.asList(20.0, null, 16.0, null, null, 12.0, null, null, null, null);
    assertThat(UsIndices.nowCast(Quantity.PM25, h).value()).isEqualTo(69);
    // only one of the three most recent hours: no NowCast
    List<Double> one = Arrays.asList(20.0, null, null, 16.0, 15.0, 14.0, 13.0, 12.0, 11.0);
    assertThat(UsIndices.nowCast(Quantity.PM25, one)).isNull();
    // the newest hour missing but the two before it valid: defined
    List<Double> older = Arrays.asList(null, 10.0, 10.0);
    assertThat(UsIndices.nowCast(Quantity.PM25, older).value()).isEqualTo(53);
  }

  @Test
  void categoryNamesFollowEpasRanges() {
    assertThat(UsIndices.category(0)).isEqualTo("Good");
    assertThat(UsIndices.category(50)).isEqualTo("Good");
    assertThat(UsIndices.category(51)).isEqualTo("Moderate");
    assertThat(UsIndices.category(150)).isEqualTo("Unhealthy for Sensitive Groups");
    assertThat(UsIndices.category(151)).isEqualTo("Unhealthy");
    assertThat(UsIndices.category(300)).isEqualTo("Very Unhealthy");
    assertThat(UsIndices.category(301)).isEqualTo("Hazardous");
    assertThat(UsIndices.category(500)).isEqualTo("Hazardous");
  }
}
