package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AreaAggregateTest {
  private static final double GATE = 75;
  private static final long START = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();

  private static SensorMean pm25(long count, double min, double max, double mean) {
    return new SensorMean(Quantity.PM25, count, 60, min, max, mean * 1.5, mean, "none");
  }

  private static AreaInput input(String sensor, String county, SensorMean... means) {
    return new AreaInput(sensor, county, AverageWindow.HOUR, START, List.of(means));
  }

  /** The aggregate kept by the processor: incremental, rebuilt from all sensors when needed. */
  private static AreaAggregate apply(
      AreaAggregate agg, Map<String, AreaInput> state, AreaInput in) {
    AreaInput old = state.put(in.sensor(), in);
    return agg.replace(old, in, GATE).orElseGet(() -> AreaAggregate.of(state.values(), GATE));
  }

  @Test
  void anAreaMeanIsTheMeanOfItsValidSensorsLatestMeans() {
    Map<String, AreaInput> state = new TreeMap<>();
    AreaAggregate agg = AreaAggregate.EMPTY;
    agg = apply(agg, state, input("a", "Nairobi", pm25(50, 8, 14, 11)));
    agg = apply(agg, state, input("b", "Nairobi", pm25(60, 30, 50, 40)));
    agg = apply(agg, state, input("c", "Kiambu", pm25(10, 1, 900, 500))); // 17 %: not valid
    agg = apply(agg, state, input("a", "Nairobi", pm25(55, 7, 14, 12))); // replaces a's 11

    WindowAverage area =
        Averages.ofArea("cbd", AverageWindow.HOUR, Instant.ofEpochMilli(START), agg).get(0);
    assertThat(area.mean()).isEqualTo((12 + 40) / 2.0);
    assertThat(area.rawMean()).isEqualTo((18 + 60) / 2.0);
    assertThat(area.count()).isEqualTo(115);
    assertThat(area.expectedCount()).isEqualTo(120);
    assertThat(area.min()).isEqualTo(7);
    assertThat(area.max()).isEqualTo(50);
    assertThat(area.county()).isEqualTo("Nairobi");
    assertThat(area.correction()).isEqualTo("none");
    assertThat(area.indices())
        .as("an area hour gets no index (the NowCast is per sensor)")
        .isEmpty();
    WindowAverage day =
        Averages.ofArea("cbd", AverageWindow.DAY_ROLLING, Instant.ofEpochMilli(START), agg).get(0);
    // 26.0: (100 - 51) / (35.4 - 9.1) * (26.0 - 9.1) + 51 = 82.49 -> 82
    assertThat(day.indices())
        .containsExactly(
            new IndexValue(
                "aqi_us", "us-epa-2024", 82, "Moderate", Quantity.PM25, IndexValue.ROLLING_24H));
  }

  @Test
  void anAreasCorrectionNamesEachOfItsSensorsCorrectionIdsOnce() {
    Map<String, AreaInput> state = new TreeMap<>();
    AreaAggregate agg = AreaAggregate.EMPTY;
    // a's hour spans a calibration change: its own field already joins two ids
    agg =
        apply(
            agg,
            state,
            input("a", "", new SensorMean(Quantity.PM25, 60, 60, 1, 2, 2, 1.5, "none+v-7")));
    agg =
        apply(
            agg,
            state,
            input("b", "", new SensorMean(Quantity.PM25, 60, 60, 1, 2, 2, 1.5, "none")));
    agg =
        apply(
            agg,
            state,
            input("c", "", new SensorMean(Quantity.PM25, 60, 60, 1, 2, 2, 1.5, "cal-2")));

    WindowAverage area =
        Averages.ofArea("cbd", AverageWindow.HOUR, Instant.ofEpochMilli(START), agg).get(0);
    assertThat(area.correction()).isEqualTo("cal-2+none+v-7");
  }

  @Test
  void aSensorGivingUpTheAreasMinOrMaxIsReadFromTheOtherSensors() {
    Map<String, AreaInput> state = new TreeMap<>();
    AreaAggregate agg = AreaAggregate.EMPTY;
    agg = apply(agg, state, input("a", "", pm25(50, 2, 14, 11)));
    agg = apply(agg, state, input("b", "", pm25(60, 5, 50, 40)));
    // a's min rises (a registry change of its values is the only way in practice): not subtractable
    AreaInput raised = input("a", "", pm25(50, 9, 14, 11));
    assertThat(agg.replace(state.get("a"), raised, GATE)).isEmpty();
    agg = apply(agg, state, raised);
    assertThat(agg.quantities().get(Quantity.PM25).min()).isEqualTo(5);
    // b drops below the gate: it leaves the area mean, and its max with it
    agg =
        apply(agg, state, input("b", "", new SensorMean(Quantity.PM25, 60, 600, 5, 50, 1, 1, "")));
    assertThat(agg.quantities().get(Quantity.PM25).max()).isEqualTo(14);
    assertThat(agg.quantities().get(Quantity.PM25).sensors()).isEqualTo(1);
  }

  @Test
  void incrementalUpdatesEqualTheAggregateComputedFromScratch() {
    Random random = new Random(20261127);
    String[] corrections = {"none", "us-epa-2021-ext2022", "cal-7"};
    for (int round = 0; round < 200; round++) {
      Map<String, AreaInput> state = new TreeMap<>();
      AreaAggregate agg = AreaAggregate.EMPTY;
      Map<String, Double> mins = new TreeMap<>();
      for (int step = 0; step < 60; step++) {
        String sensor = "s" + random.nextInt(8);
        List<SensorMean> means = new ArrayList<>();
        for (Quantity q : List.of(Quantity.PM25, Quantity.PM10, Quantity.TEMPERATURE)) {
          if (random.nextInt(4) == 0) {
            continue;
          }
          // a window's min only falls and its max only rises as readings arrive
          double min = Math.min(mins.getOrDefault(sensor + q, 1e3), random.nextDouble() * 100);
          mins.put(sensor + q, min);
          double max = min + random.nextDouble() * 500;
          double mean = min + random.nextDouble() * (max - min);
          means.add(
              new SensorMean(
                  q,
                  random.nextInt(61),
                  60,
                  min,
                  max,
                  mean * 1.3,
                  mean,
                  corrections[random.nextInt(3)]));
        }
        agg =
            apply(
                agg,
                state,
                input(sensor, "county " + random.nextInt(2), means.toArray(SensorMean[]::new)));
        assertThat(agg).isEqualTo(AreaAggregate.of(state.values(), GATE));
      }
    }
  }

  @Test
  void roundTripsAndReadsTheFirstAreaInputFormat() throws IOException {
    Map<String, AreaInput> state = new TreeMap<>();
    AreaAggregate agg =
        apply(AreaAggregate.EMPTY, state, input("a", "Nairobi", pm25(50, 8, 14, 11)));
    agg =
        apply(
            agg,
            state,
            input("b", "Kiambu", new SensorMean(Quantity.NO2, 60, 60, 1, 2, 1.5, 1.5, "cal-7 µ")));
    assertThat(AreaAggregate.SERDE.deserialize("t", AreaAggregate.SERDE.serialize("t", agg)))
        .isEqualTo(agg);

    AreaInput in = input("nbo-01", "Nairobi", pm25(50, 8, 14, 11));
    assertThat(AreaInput.SERDE.deserialize("t", AreaInput.SERDE.serialize("t", in))).isEqualTo(in);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1); // format 1: quantity and correction ids as text
    out.writeUTF("nbo-01");
    out.writeUTF("Nairobi");
    out.writeUTF("1h");
    out.writeLong(START);
    out.writeByte(1);
    out.writeUTF("pm25");
    out.writeLong(50);
    out.writeLong(60);
    out.writeDouble(8);
    out.writeDouble(14);
    out.writeDouble(16.5);
    out.writeDouble(11);
    out.writeUTF("none");
    assertThat(AreaInput.SERDE.deserialize("t", bytes.toByteArray())).isEqualTo(in);
  }

  @Test
  void meansAreSummedToAMillionthSoTheOrderOfUpdatesDoesNotMatter() {
    AreaInput a = input("a", "", pm25(60, 0, 1, 0.1));
    AreaInput b = input("b", "", pm25(60, 0, 1, 0.2));
    AreaInput c = input("c", "", pm25(60, 0, 1, 0.3));
    AreaAggregate abc = AreaAggregate.of(List.of(a, b, c), GATE);
    AreaAggregate cba = AreaAggregate.of(List.of(c, b, a), GATE);
    assertThat(abc).isEqualTo(cba);
    assertThat(abc.quantities().get(Quantity.PM25).mean()).isCloseTo(0.2, within(1e-15));
  }
}
