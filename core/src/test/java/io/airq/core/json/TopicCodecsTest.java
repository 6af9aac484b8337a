package io.airq.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.average.WindowAverages.QuantityAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.HostType;
import io.airq.core.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The hand-written topic codecs against Jackson data binding (the contract the sink, the planner
 * and others read): byte for byte on writing, the same value or the same failure on reading, over
 * real Nairobi values and varied ones (extreme and non-finite numbers, nulls, unicode, control
 * characters).
 */
class TopicCodecsTest {
  private static final String[] STRINGS = {
    "",
    "Westlands",
    "Moi Avenue",
    "Nairobi – Kiambu",
    "µg/m³ °C",
    "東京",
    "emoji 😀 here",
    "quote \" backslash \\ slash /",
    "control \n\t\r\u0001\u001f\u007f",
    "\u2028\u2029",
    "us-epa-2021-ext2022+none",
    "mixed"
  };

  private static List<Double> realValues() throws IOException {
    String dir = System.getProperty("airq.shared.data");
    assertThat(dir).as("system property airq.shared.data (set by the build)").isNotNull();
    List<Double> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            Path.of(dir, "nairobi", "nairobi_2021-03-25_to_2021-03-26_replay_sample.csv"))) {
      String[] f = line.split(";");
      if (f.length == 8 && !f[0].equals("sensor_id")) {
        out.add(Double.parseDouble(f[7]));
        out.add(Double.parseDouble(f[3]));
        out.add(Double.parseDouble(f[4]));
      }
    }
    assertThat(out).hasSizeGreaterThan(10_000);
    return out;
  }

  private static double[] edgeValues() {
    return new double[] {
      0.0,
      -0.0,
      1.0,
      12.0,
      -3.5,
      0.1,
      0.1 + 0.2,
      1e-7,
      1e-300,
      1e21,
      1e300,
      123456789.123456789,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      100.0 * 7 / 3
    };
  }

  /** Real values, edge values and random ones of every magnitude. */
  private static List<Double> values() throws IOException {
    List<Double> v = new ArrayList<>(realValues());
    for (double d : edgeValues()) {
      v.add(d);
    }
    Random rnd = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      v.add((rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(40) - 20));
      v.add(Double.longBitsToDouble(rnd.nextLong()));
      v.add(rnd.nextInt(2000) / 10.0);
    }
    return v;
  }

  private static final Instant[] INSTANTS = {
    Instant.parse("2021-03-25T00:00:11.249470Z"),
    Instant.parse("2021-03-25T00:00:00Z"),
    Instant.parse("2026-11-27T08:00:00.001Z"),
    Instant.parse("2026-11-27T08:00:00.000000001Z"),
    Instant.EPOCH,
    Instant.ofEpochSecond(-1),
    Instant.parse("+12000-01-01T00:00:00Z")
  };

  private static Instant instant(Random rnd) {
    if (rnd.nextBoolean()) {
      return pick(INSTANTS, rnd);
    }
    long sec = rnd.nextLong(-100_000_000_000L, 300_000_000_000L);
    int nano =
        switch (rnd.nextInt(4)) {
          case 0 -> 0;
          case 1 -> rnd.nextInt(1000) * 1_000_000;
          case 2 -> rnd.nextInt(1_000_000) * 1000;
          default -> rnd.nextInt(1_000_000_000);
        };
    return Instant.ofEpochSecond(sec, nano);
  }

  private static <T> T pick(T[] a, Random rnd) {
    return a[rnd.nextInt(a.length)];
  }

  private static String maybeNull(Random rnd) {
    return rnd.nextInt(5) == 0 ? null : pick(STRINGS, rnd);
  }

  private static <T> void sameBytes(JsonSerde<T> serde, T value) throws Exception {
    byte[] expected = Json.mapper().writeValueAsBytes(value);
    byte[] actual = serde.serialize("t", value);
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .as("%s", value)
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(actual).isEqualTo(expected);
  }

  @SuppressWarnings("unchecked")
  private static JsonSerde<WindowAverages> averagesSerde() {
    return (JsonSerde<WindowAverages>) Topics.AVERAGES.valueSerde();
  }

  @Test
  void windowAveragesAreWrittenExactlyAsDataBindingWritesThem() throws Exception {
    JsonSerde<WindowAverages> serde = averagesSerde();
    List<Double> v = values();
    Random rnd = new Random(1);
    for (int i = 0; i < v.size(); i++) {
      Instant start = instant(rnd);
      Map<Quantity, QuantityAverage> quantities = new EnumMap<>(Quantity.class);
      int n = rnd.nextInt(Quantity.values().length + 1);
      for (int k = 0; k < n; k++) {
        int j = i + k;
        // a window of one reading: min = max = rawMean = mean
        boolean one = rnd.nextInt(3) == 0;
        quantities.put(
            Quantity.values()[rnd.nextInt(Quantity.values().length)],
            new QuantityAverage(
                rnd.nextInt(5) == 0 ? rnd.nextLong() : rnd.nextInt(100),
                rnd.nextInt(100),
                v.get(j % v.size()),
                v.get((j + 1) % v.size()),
                v.get((j + (one ? 1 : 2)) % v.size()),
                v.get((j + (one ? 1 : 3)) % v.size()),
                v.get((j + (one ? 1 : 4)) % v.size()),
                maybeNull(rnd),
                indices(rnd)));
      }
      WindowAverages value =
          new WindowAverages(
              Scope.values()[rnd.nextInt(2)],
              pick(STRINGS, rnd),
              maybeNull(rnd),
              maybeNull(rnd),
              AverageWindow.values()[rnd.nextInt(3)],
              start,
              rnd.nextInt(10) == 0 ? null : start.plusSeconds(3600),
              quantities);
      sameBytes(serde, value);
      assertThat(serde.deserialize("t", serde.serialize("t", value))).isEqualTo(value);
    }
  }

  /** None (null or empty), or one or two index values with hostile strings. */
  private static List<IndexValue> indices(Random rnd) {
    int n = rnd.nextInt(4) - 1;
    if (n < 0) {
      return null;
    }
    List<IndexValue> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new IndexValue(
              pick(STRINGS, rnd),
              pick(STRINGS, rnd),
              rnd.nextInt(600) - 1,
              pick(STRINGS, rnd),
              Quantity.values()[rnd.nextInt(Quantity.values().length)],
              pick(STRINGS, rnd)));
    }
    return out;
  }

  @Test
  void aSingleWindowAverageWrittenBeforeTheGroupingIsReadAsAOneQuantityWindow() throws Exception {
    WindowAverage old =
        new WindowAverage(
            Scope.SENSOR,
            "nbo-cbd-01",
            "CBD",
            "Nairobi",
            AverageWindow.HOUR,
            INSTANTS[0],
            INSTANTS[0].plusSeconds(3600),
            Quantity.PM25,
            11,
            12,
            91.7,
            14.2,
            25.0,
            36.1,
            19.3,
            "us-epa-2021-ext2022",
            List.of(
                new IndexValue(
                    "aqi_us_nowcast",
                    "us-epa-2024",
                    69,
                    "Moderate",
                    Quantity.PM25,
                    IndexValue.NOWCAST_12H)));
    byte[] written = Json.mapper().writeValueAsBytes(old);
    WindowAverages read = averagesSerde().deserialize("t", written);
    assertThat(read.averages()).containsExactly(old);
    assertThat(WindowAverages.of(List.of(old))).isEqualTo(read);
  }

  @Test
  void aMalformedAveragesRecordIsAnErrorNotAnEmptyWindow() {
    JsonSerde<WindowAverages> serde = averagesSerde();
    assertThatThrownBy(
            () -> serde.deserialize("t", "{\"scope\":\"sensor\",".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a valid WindowAverages");
  }

  @Test
  void aMessageLargerThanTheGeneratorsBufferIsWrittenWhole() throws Exception {
    String big = "µ😀 area ".repeat(5_000);
    sameBytes(
        averagesSerde(),
        new WindowAverages(
            Scope.AREA,
            big,
            big,
            big,
            AverageWindow.HOUR,
            INSTANTS[0],
            INSTANTS[1],
            Map.of(
                Quantity.PM25,
                new QuantityAverage(1, 2, 50.0, 1, 2, 3, 4, big, indices(new Random(7))))));
  }

  @Test
  void cleanReadingsAreWrittenExactlyAsDataBindingWritesThem() throws Exception {
    @SuppressWarnings("unchecked")
    JsonSerde<CleanReading> serde = (JsonSerde<CleanReading>) Topics.CLEAN_READINGS.valueSerde();
    assertThat(Topics.LATE_READINGS.valueSerde()).isSameAs(serde);
    List<Double> v = values();
    Random rnd = new Random(2);
    for (int i = 0; i < v.size(); i += 3) {
      Map<Quantity, CorrectedValue> values = new EnumMap<>(Quantity.class);
      int n = rnd.nextInt(Quantity.values().length + 1);
      for (int k = 0; k < n; k++) {
        values.put(
            Quantity.values()[rnd.nextInt(Quantity.values().length)],
            new CorrectedValue(
                v.get((i + k) % v.size()),
                v.get((i + k + (rnd.nextBoolean() ? 0 : 1)) % v.size()),
                maybeNull(rnd)));
      }
      List<QaFlag> flags = new ArrayList<>();
      for (int k = rnd.nextInt(3); k > 0; k--) {
        flags.add(
            new QaFlag(
                QaRule.values()[rnd.nextInt(QaRule.values().length)],
                Quantity.values()[rnd.nextInt(Quantity.values().length)],
                maybeNull(rnd)));
      }
      SensorPlace place =
          rnd.nextInt(8) == 0
              ? null
              : new SensorPlace(
                  v.get((i + 1) % v.size()),
                  v.get((i + 2) % v.size()),
                  maybeNull(rnd),
                  maybeNull(rnd),
                  maybeNull(rnd),
                  rnd.nextBoolean(),
                  rnd.nextInt(3) == 0 ? null : HostType.values()[rnd.nextInt(2)]);
      sameBytes(
          serde,
          new CleanReading(
              pick(STRINGS, rnd).isEmpty() ? "s-1" : pick(STRINGS, rnd),
              instant(rnd),
              rnd.nextInt(5) == 0 ? null : instant(rnd),
              maybeNull(rnd),
              rnd.nextInt(6) == 0
                  ? null
                  : SourceFormat.values()[rnd.nextInt(SourceFormat.values().length)],
              place,
              values,
              flags));
    }
  }

  /** The same value, or both failing, as data binding. */
  private static void sameReading(byte[] json) {
    JsonSerde<Reading> binding = JsonSerde.of(Reading.class);
    Reading expected;
    try {
      expected = binding.deserialize("t", json);
    } catch (SerializationException e) {
      assertThatThrownBy(() -> Topics.READINGS.deserializeValue(json))
          .as(new String(json, StandardCharsets.UTF_8))
          .isInstanceOf(SerializationException.class);
      return;
    }
    assertThat(Topics.READINGS.deserializeValue(json))
        .as(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(expected);
  }

  /** A reading of random values, ids and times; channel B may hold NaN, infinities and nulls. */
  private static Reading randomReading(List<Double> v, int i, Random rnd) {
    Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
    Map<Quantity, Double> channelB = new EnumMap<>(Quantity.class);
    for (int k = rnd.nextInt(5); k >= 0; k--) {
      double d = v.get((i + k) % v.size());
      if (Double.isFinite(d)) {
        values.put(Quantity.values()[rnd.nextInt(Quantity.values().length)], d);
      }
    }
    if (rnd.nextInt(4) == 0) {
      channelB.put(Quantity.PM25, v.get((i + 1) % v.size()));
    }
    if (rnd.nextInt(8) == 0) {
      channelB.put(Quantity.PM10, v.get((i + 2) % v.size()));
      channelB.put(Quantity.PM1, null); // kept by the record, left out by data binding
    }
    return new Reading(
        pick(STRINGS, rnd).isEmpty() ? "s-1" : pick(STRINGS, rnd),
        instant(rnd),
        rnd.nextInt(5) == 0 ? null : instant(rnd),
        maybeNull(rnd),
        rnd.nextInt(6) == 0
            ? null
            : SourceFormat.values()[rnd.nextInt(SourceFormat.values().length)],
        values,
        channelB,
        rnd.nextInt(10) == 0
            ? List.of(new QaFlag(QaRule.SPIKE, Quantity.PM25, maybeNull(rnd)))
            : List.of());
  }

  @Test
  void readingsAreWrittenExactlyAsDataBindingWritesThem() throws Exception {
    @SuppressWarnings("unchecked")
    JsonSerde<Reading> serde = (JsonSerde<Reading>) Topics.READINGS.valueSerde();
    @SuppressWarnings("unchecked")
    JsonSerde<Reading> quarantine = (JsonSerde<Reading>) Topics.QUARANTINE.valueSerde();
    List<Double> v = values();
    Random rnd = new Random(4);
    for (int i = 0; i < v.size(); i += 4) {
      Reading r = randomReading(v, i, rnd);
      sameBytes(serde, r);
      sameBytes(quarantine, r);
    }
  }

  @Test
  void readingsAreReadAsDataBindingReadsThem() throws Exception {
    List<Double> v = values();
    Random rnd = new Random(3);
    int fast = 0;
    for (int i = 0; i < v.size(); i += 4) {
      Reading random = randomReading(v, i, rnd);
      Map<Quantity, Double> channelB = new EnumMap<>(Quantity.class);
      channelB.putAll(random.channelB());
      channelB.values().removeIf(d -> d == null || !Double.isFinite(d));
      Reading r =
          new Reading(
              random.sensorId(),
              random.time(),
              random.receivedAt(),
              random.gatewayId(),
              random.format(),
              random.values(),
              channelB,
              random.flags());
      byte[] json = Json.mapper().writeValueAsBytes(r);
      sameReading(json);
      assertThat(Topics.READINGS.deserializeValue(json)).isEqualTo(r);
      try (var p = Json.mapper().createParser(json)) {
        fast += TopicReaders.readReading(p) != null ? 1 : 0;
      }
    }
    assertThat(fast).as("readings the hand-written reader took").isGreaterThan(1000);
  }

  @Test
  void unusualReadingDocumentsAreReadAsDataBindingReadsThem() {
    String[] docs = {
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"pm25\":12}}",
      "{\"time\":\"2021-03-25T00:00:00Z\",\"sensorId\":\"a\",\"extra\":{\"x\":[1,2,{}]},"
          + "\"values\":{\"pm25\":1.5e3,\"pm10\":-0}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"pm25\":null}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"pm25\":\"12.5\"}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"nope\":1}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"pm25\":NaN}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"pm25\":\"NaN\"}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00+03:00\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00.123456789Z\",\"gatewayId\":null}",
      "{\"sensorId\":\"a\",\"time\":1616630400}",
      "{\"sensorId\":\"a\",\"time\":1616630400.5}",
      "{\"sensorId\":\"a\",\"time\":\"\"}",
      "{\"sensorId\":\"a\",\"time\":\"not a time\"}",
      "{\"sensorId\":null,\"time\":\"2021-03-25T00:00:00Z\"}",
      "{\"sensorId\":5,\"time\":\"2021-03-25T00:00:00Z\"}",
      "{\"sensorId\":\"a\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"format\":\"purpleair\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"format\":\"PURPLEAIR\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"format\":\"unknown\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"flags\":null}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"flags\":[]}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"flags\":[{\"rule\":\"spike\","
          + "\"quantity\":\"pm25\"}]}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"channelB\":{\"pm25\":1}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"channelB\":null,\"values\":null}",
      "{\"sensorId\":\"a\",\"sensorId\":\"b\",\"time\":\"2021-03-25T00:00:00Z\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\"} trailing",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\"",
      "[]",
      "null",
      "",
      "{\"sensorId\":\"\\u00b5 \\ud83d\\ude00\",\"time\":\"2021-03-25T00:00:00Z\"}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\",\"values\":{\"pm25\":1e400}}",
      "{\"sensorId\":\"a\",\"time\":\"2021-03-25T00:00:00Z\","
          + "\"values\":{\"pm25\":123456789012345678901234567890}}"
    };
    for (String d : docs) {
      sameReading(d.getBytes(StandardCharsets.UTF_8));
    }
  }
}
