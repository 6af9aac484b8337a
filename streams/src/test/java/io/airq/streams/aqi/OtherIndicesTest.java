package io.airq.streams.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherIndicesTest {

  @Test
  void nowCastOfSteadyHoursIsTheirValue() {
    assertThat(NowCast.of(List.of(10.0, 10.0, 10.0)).getAsDouble()).isCloseTo(10, within(1e-9));
  }

  @Test
  void nowCastWeighsRecentHoursWithAtLeastHalf() {
    // min/max = 0.25 -> w = 0.5: (40 + 0.5*10) / 1.5
    assertThat(NowCast.of(List.of(40.0, 10.0)).getAsDouble()).isCloseTo(30, within(1e-9));
    // min/max = 0.8 -> w = 0.8: (10 + 0.8*8) / 1.8
    assertThat(NowCast.of(List.of(10.0, 8.0)).getAsDouble())
        .isCloseTo((10 + 0.8 * 8) / 1.8, within(1e-9));
  }

  @Test
  void nowCastNeedsTwoOfTheThreeMostRecentHours() {
    assertThat(NowCast.of(Arrays.asList(10.0, null, null, 10.0, 10.0))).isEmpty();
    assertThat(NowCast.of(Arrays.asList(null, 10.0, 12.0, 10.0))).isPresent();
  }

  @Test
  void europeanIndexBandsOf2024() {
    assertThat(EuropeanAqi.level(Quantity.PM25, 5).getAsInt()).isEqualTo(1);
    assertThat(EuropeanAqi.level(Quantity.PM25, 5.1).getAsInt()).isEqualTo(2);
    assertThat(EuropeanAqi.level(Quantity.PM25, 141).getAsInt()).isEqualTo(6);
    assertThat(EuropeanAqi.level(Quantity.NO2, 26).getAsInt()).isEqualTo(3);
    assertThat(EuropeanAqi.level(Quantity.CO, 1)).isEmpty();
  }

  @Test
  void indiaSubIndexInterpolatesWithinBands() {
    assertThat(IndiaNaqi.subIndex(Quantity.PM25, 45).getAsInt()).isEqualTo(75);
    assertThat(IndiaNaqi.subIndex(Quantity.PM10, 175).getAsInt()).isEqualTo(150);
    assertThat(IndiaNaqi.subIndex(Quantity.PM25, 1000).getAsInt()).isEqualTo(500);
    // 8-hour CO (mg/m³) and O3 (µg/m³), CPCB's band edges
    double[][] co = {{1, 50}, {2, 100}, {10, 200}, {17, 300}, {34, 400}, {50, 500}, {60, 500}};
    for (double[] e : co) {
      assertThat(IndiaNaqi.eightHourSubIndex(Quantity.CO, e[0]).getAsInt())
          .as("CO %s", e[0])
          .isEqualTo((int) e[1]);
    }
    double[][] o3 = {{0, 0}, {50, 50}, {100, 100}, {168, 200}, {208, 300}};
    for (double[] e : o3) {
      assertThat(IndiaNaqi.eightHourSubIndex(Quantity.O3, e[0]).getAsInt())
          .as("O3 %s", e[0])
          .isEqualTo((int) e[1]);
    }
    assertThat(IndiaNaqi.eightHourSubIndex(Quantity.O3, 209)).as("CPCB's 1-hour range").isEmpty();
    assertThat(IndiaNaqi.eightHourSubIndex(Quantity.NO2, 10)).isEmpty();
  }
}
