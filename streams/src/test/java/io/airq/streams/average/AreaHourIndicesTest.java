package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An area hour's index values from the area's hourly means, as a sensor hour's from its own. */
class AreaHourIndicesTest {
  private static final long H = 3_600_000L;
  private static final long T = 1_000 * H;

  /** {@code n} hours ending with T, each with these means. */
  private static NavigableMap<Long, Map<Quantity, Double>> hours(int n, Map<Quantity, Double> m) {
    NavigableMap<Long, Map<Quantity, Double>> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      out.put(T - i * H, m);
    }
    return out;
  }

  @Test
  void aSteadyAreaGetsItsNowCastTheOverallAqiAndItsEaqi() {
    // 24 hours of PM2.5 20: NowCast 20.0 -> (100 - 51) / (35.4 - 9.1) × (20.0 - 9.1) + 51 = 71.3
    // -> 71; EAQI of the 24-hour mean 20: level 3 (15 < 20 <= 50), Moderate
    Map<Quantity, List<IndexValue>> v =
        AreaHourIndices.of(T, hours(24, Map.of(Quantity.PM25, 20.0)));
    assertThat(v.get(Quantity.PM25))
        .extracting(IndexValue::field, IndexValue::value, IndexValue::averaging)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aqi_us_nowcast", 71, "nowcast-12h"),
            org.assertj.core.groups.Tuple.tuple("eaqi", 3, "24h-running-mean"),
            org.assertj.core.groups.Tuple.tuple("aqi_us_overall", 71, "nowcast-12h"));
  }

  @Test
  void hoursWithoutAnAreaMeanAreMissingHours() {
    // only this hour: no NowCast (2 of the 3 most recent needed), no 24-hour PM mean (18 of 24)
    assertThat(AreaHourIndices.of(T, hours(1, Map.of(Quantity.PM25, 20.0)))).isEmpty();
    // 17 hours: a NowCast, but no EAQI
    Map<Quantity, List<IndexValue>> v =
        AreaHourIndices.of(T, hours(17, Map.of(Quantity.PM25, 20.0)));
    assertThat(v.get(Quantity.PM25))
        .extracting(IndexValue::field)
        .containsExactly("aqi_us_nowcast", "aqi_us_overall");
    // 18 hours: the EAQI too
    assertThat(AreaHourIndices.of(T, hours(18, Map.of(Quantity.PM25, 20.0))).get(Quantity.PM25))
        .extracting(IndexValue::field)
        .contains("eaqi");
  }

  @Test
  void theGasesGetTheirSubIndicesAndTheWorstPollutantCarriesTheOverallAndTheEaqi() {
    // NO2 200 µg/m³: US 1-hour 102 (106 ppb); EAQI 6 (above 150). PM2.5 20 on 24 hours: US 71
    NavigableMap<Long, Map<Quantity, Double>> m =
        hours(24, Map.of(Quantity.PM25, 20.0, Quantity.NO2, 200.0));
    Map<Quantity, List<IndexValue>> v = AreaHourIndices.of(T, m);
    assertThat(v.get(Quantity.NO2))
        .extracting(IndexValue::field, IndexValue::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aqi_us_1h", 102),
            org.assertj.core.groups.Tuple.tuple("eaqi", 6),
            org.assertj.core.groups.Tuple.tuple("aqi_us_overall", 102));
    assertThat(v.get(Quantity.PM25))
        .extracting(IndexValue::field)
        .containsExactly("aqi_us_nowcast");
  }
}
