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
  }
}
