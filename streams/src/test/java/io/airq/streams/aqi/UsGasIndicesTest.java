package io.airq.streams.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The US gas sub-indices from airq's units (µg/m³, CO mg/m³): every breakpoint edge of the May 2024
 * NO2, SO2, O3 (1 h and 8 h) and CO tables, the 25 °C / 1 atm conversion, the 8-hour mean's 6 of 8
 * hours, and the gas vectors of {@code reference/us_epa_aqi_vectors.csv}.
 */
class UsGasIndicesTest {
  /** EPA May 2024 tables {cLow, cHigh, iLow, iHigh} in ppb (NO2, SO2) or ppm (O3, CO). */
  private static final double[][] NO2 = {
    {0, 53, 0, 50}, {54, 100, 51, 100}, {101, 360, 101, 150},
    {361, 649, 151, 200}, {650, 1249, 201, 300}, {1250, 2049, 301, 500}
  };

  private static final double[][] SO2 = {
    {0, 35, 0, 50}, {36, 75, 51, 100}, {76, 185, 101, 150}, {186, 304, 151, 200}
  };
  private static final double[][] O3_1H = {
    {0.125, 0.164, 101, 150}, {0.165, 0.204, 151, 200},
    {0.205, 0.404, 201, 300}, {0.405, 0.604, 301, 500}
  };
  private static final double[][] O3_8H = {
    {0.000, 0.054, 0, 50},
    {0.055, 0.070, 51, 100},
    {0.071, 0.085, 101, 150},
    {0.086, 0.105, 151, 200},
    {0.106, 0.200, 201, 300}
  };
  private static final double[][] CO = {
    {0.0, 4.4, 0, 50}, {4.5, 9.4, 51, 100}, {9.5, 12.4, 101, 150},
    {12.5, 15.4, 151, 200}, {15.5, 30.4, 201, 300}, {30.5, 50.4, 301, 500}
  };

  /** A concentration in the table's unit as airq stores it (µg/m³; CO mg/m³). */
  private static double airq(Quantity q, double tableUnit) {
    double m =
        switch (q) {
          case NO2 -> 46.01;
          case SO2 -> 64.07;
          case O3 -> 48.00;
          case CO -> 28.01;
          default -> throw new IllegalArgumentException(q.id());
        };
    return (q == Quantity.O3 ? tableUnit * 1000 : tableUnit) * m / 24.45;
  }

  private static Integer hourly(Quantity q, double tableUnit) {
    IndexValue v = UsGasIndices.hourly(q, airq(q, tableUnit));
    return v == null ? null : v.value();
  }

  private static Integer eight(Quantity q, double tableUnit) {
    IndexValue v = UsGasIndices.eightHour(q, airq(q, tableUnit));
    return v == null ? null : v.value();
  }

  private interface Index {
    Integer of(Quantity q, double tableUnit);
  }

  /** Each row's low and high concentration give its low and high index; above the table none. */
  private static void pinEdges(Quantity q, double[][] table, Index f) {
    for (double[] r : table) {
      assertThat(f.of(q, r[0])).as("%s at %s", q, r[0]).isEqualTo((int) r[2]);
      assertThat(f.of(q, r[1])).as("%s at %s", q, r[1]).isEqualTo((int) r[3]);
    }
    double top = table[table.length - 1][1];
    double step = top < 1 ? 0.001 : top < 100 ? 0.1 : 1;
    assertThat(f.of(q, top + step)).as("%s above the table", q).isNull();
  }

  @Test
  void everyBreakpointEdgeOfTheGasTablesFromAirqUnits() {
    pinEdges(Quantity.NO2, NO2, UsGasIndicesTest::hourly);
    pinEdges(Quantity.SO2, SO2, UsGasIndicesTest::hourly);
    pinEdges(Quantity.O3, O3_1H, UsGasIndicesTest::hourly);
    pinEdges(Quantity.O3, O3_8H, UsGasIndicesTest::eight);
    pinEdges(Quantity.CO, CO, UsGasIndicesTest::eight);
    // between two rows the concentration truncates into the lower one
    assertThat(hourly(Quantity.NO2, 53.9)).isEqualTo(50);
    assertThat(eight(Quantity.O3, 0.0549)).isEqualTo(50);
    assertThat(eight(Quantity.CO, 4.49)).isEqualTo(50);
    // O3 below 0.125 ppm has no 1-hour index (EPA uses the 8-hour one), nor negative values
    assertThat(hourly(Quantity.O3, 0.124)).isNull();
    assertThat(UsGasIndices.hourly(Quantity.NO2, -1)).isNull();
    // only the gases with a table
    assertThat(UsGasIndices.hourly(Quantity.CO, 10)).isNull();
    assertThat(UsGasIndices.eightHour(Quantity.NO2, 10)).isNull();
  }

  @Test
  void microgramsConvertToPpbAt25DegreesAnd1Atmosphere() {
    assertThat(UsGasIndices.toTableUnit(Quantity.NO2, 100)).isCloseTo(53.14, within(0.005));
    assertThat(UsGasIndices.toTableUnit(Quantity.SO2, 100)).isCloseTo(38.16, within(0.005));
    assertThat(UsGasIndices.toTableUnit(Quantity.O3, 100)).isCloseTo(0.05094, within(0.000005));
    assertThat(UsGasIndices.toTableUnit(Quantity.CO, 10)).isCloseTo(8.729, within(0.0005));
    IndexValue v = UsGasIndices.hourly(Quantity.NO2, 200); // 106.3 ppb -> 106 -> 102
    assertThat(v.value()).isEqualTo(102);
    assertThat(v.field()).isEqualTo("aqi_us_1h");
    assertThat(v.averaging()).isEqualTo("1h");
    assertThat(v.category()).isEqualTo("Unhealthy for Sensitive Groups");
    assertThat(v.pollutant()).isEqualTo(Quantity.NO2);
    assertThat(v.id()).isEqualTo("us-epa-2024");
    assertThat(UsGasIndices.eightHour(Quantity.CO, 10).averaging()).isEqualTo("8h-running");
  }

  @Test
  void anEightHourMeanNeedsSixOfTheEightHours() {
    List<Double> six = Arrays.asList(1.0, 2.0, null, 3.0, 4.0, null, 5.0, 6.0, 100.0);
    assertThat(UsGasIndices.eightHourMean(six)).isEqualTo(21.0 / 6);
    List<Double> five = Arrays.asList(1.0, null, null, 3.0, 4.0, null, 5.0, 6.0, 100.0);
    assertThat(UsGasIndices.eightHourMean(five)).isNaN();
    assertThat(UsGasIndices.eightHour(Quantity.O3, Double.NaN)).isNull();
  }

  @Test
  void theGasVectorsOfTheSharedDataFromAirqUnits() throws IOException {
    Map<String, Quantity> gases =
        Map.of(
            "O3_8h_ppm", Quantity.O3,
            "O3_1h_ppm", Quantity.O3,
            "CO_8h_ppm", Quantity.CO,
            "NO2_1h_ppb", Quantity.NO2,
            "SO2_1h_ppb", Quantity.SO2);
    List<String> checked = new ArrayList<>();
    List<String> lines = Files.readAllLines(SharedData.file("reference/us_epa_aqi_vectors.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
      Quantity q = gases.get(f[4]);
      if (q == null || f[10].isEmpty()) {
        continue;
      }
      double c = Double.parseDouble(f[7]);
      Integer got = f[4].contains("_8h_") ? eight(q, c) : hourly(q, c);
      assertThat(got).as("%s %s", f[4], c).isEqualTo(Integer.parseInt(f[10]));
      checked.add(f[4]);
    }
    assertThat(checked).hasSize(15);
  }
}
