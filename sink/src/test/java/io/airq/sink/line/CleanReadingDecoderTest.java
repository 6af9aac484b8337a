package io.airq.sink.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.json.CleanReadingDecoder;
import io.airq.core.json.Json;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.HostType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast decoder must agree with the mapper wherever it answers, and answer for what the mapper
 * writes.
 */
class CleanReadingDecoderTest {
  private static final String[] HOSTILE = {
    "nbo-cbd-01",
    "a b,c=d",
    "x\" y=1 1\nreading,sensor=evil",
    "back\\slash",
    "ends\\",
    "q\"uote",
    "tab\there",
    "ünïcødé 空気 🙂",
    "",
    " ",
    "\\\\",
    "line\r\nbreak",
    "\u0000nul",
  };

  /** What the mapper says: the reading, or null when it refuses the document. */
  private static CleanReading full(byte[] json) {
    try {
      return Json.read(json, CleanReading.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Object mapped(CleanReading r) {
    try {
      return PointMapper.reading(r);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static void agrees(byte[] json) {
    CleanReading fast = CleanReadingDecoder.decode(json);
    if (fast != null) {
      String text = new String(json, StandardCharsets.UTF_8);
      assertThat(full(json)).as(text).isNotNull().isEqualTo(fast);
      assertThat(mapped(fast)).as(text).isEqualTo(mapped(full(json)));
    }
  }

  private static CleanReading random(Random rnd) {
    String[] s = HOSTILE;
    Instant t =
        Instant.ofEpochSecond(rnd.nextLong(-2_000_000_000L, 8_000_000_000L))
            .plusNanos(
                switch (rnd.nextInt(4)) {
                  case 0 -> 0;
                  case 1 -> rnd.nextInt(1000) * 1_000_000L;
                  case 2 -> rnd.nextInt(1_000_000) * 1_000L;
                  default -> rnd.nextInt(1_000_000_000);
                });
    Map<Quantity, CorrectedValue> values = new EnumMap<>(Quantity.class);
    for (Quantity q : Quantity.values()) {
      if (rnd.nextInt(3) == 0) {
        double raw = number(rnd);
        values.put(
            q,
            rnd.nextBoolean()
                ? CorrectedValue.uncorrected(raw)
                : new CorrectedValue(raw, number(rnd), s[rnd.nextInt(s.length)]));
      }
    }
    List<QaFlag> flags = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      flags.add(
          new QaFlag(
              QaRule.values()[rnd.nextInt(QaRule.values().length)],
              Quantity.values()[rnd.nextInt(Quantity.values().length)],
              rnd.nextBoolean() ? null : s[rnd.nextInt(s.length)]));
    }
    SensorPlace place =
        rnd.nextInt(5) == 0
            ? null
            : new SensorPlace(
                number(rnd),
                number(rnd),
                rnd.nextBoolean() ? null : s[rnd.nextInt(s.length)],
                rnd.nextBoolean() ? null : s[rnd.nextInt(s.length)],
                rnd.nextBoolean() ? null : s[rnd.nextInt(s.length)],
                rnd.nextBoolean(),
                rnd.nextBoolean() ? null : HostType.values()[rnd.nextInt(2)]);
    return new CleanReading(
        s[rnd.nextInt(s.length)],
        t,
        rnd.nextBoolean() ? null : t.plusMillis(rnd.nextInt(100_000)),
        rnd.nextBoolean() ? null : s[rnd.nextInt(s.length)],
        rnd.nextInt(4) == 0
            ? null
            : SourceFormat.values()[rnd.nextInt(SourceFormat.values().length)],
        place,
        values,
        flags);
  }

  private static double number(Random rnd) {
    return switch (rnd.nextInt(8)) {
      case 0 -> rnd.nextInt(1000);
      case 1 -> -rnd.nextInt(1000);
      case 2 -> rnd.nextDouble() * 1e-6;
      case 3 -> rnd.nextDouble() * 1e12;
      case 4 -> Double.longBitsToDouble(rnd.nextLong());
      case 5 -> 0.1 * rnd.nextInt(10000);
      case 6 -> Double.MIN_VALUE;
      default -> rnd.nextGaussian() * 50;
    };
  }

  @Test
  void answersForEveryReadingTheMapperWritesAndAgreesWithIt() {
    Random rnd = new Random(20260301);
    for (int i = 0; i < 5_000; i++) {
      CleanReading r = random(rnd);
      byte[] json = Json.write(r);
      CleanReading fast = CleanReadingDecoder.decode(json);
      if (Double.isNaN(r.place() == null ? 0 : r.place().lat())
          || r.values().values().stream()
              .anyMatch(v -> !Double.isFinite(v.raw()) || !Double.isFinite(v.value()))
          || (r.place() != null
              && (!Double.isFinite(r.place().lat()) || !Double.isFinite(r.place().lon())))) {
        // the mapper writes non-finite doubles as strings: the fast path leaves them to it
        agrees(json);
        continue;
      }
      assertThat(fast).as(new String(json, StandardCharsets.UTF_8)).isNotNull();
      agrees(json);
      assertThat(fast).isEqualTo(r);
    }
  }

  @Test
  void leavesEveryOtherShapeToTheMapperOrAgreesWithIt() {
    String ok =
        "{\"sensorId\":\"s1\",\"time\":\"2026-03-01T10:00:00.123Z\",\"receivedAt\":"
            + "\"2026-03-01T10:00:01Z\",\"gatewayId\":\"gw\",\"format\":\"airq\",\"place\":{\"lat\":"
            + "-1.28,\"lon\":36.82,\"area\":\"Nairobi CBD\",\"street\":\"Moi Ave\",\"county\":"
            + "\"Nairobi\",\"indoor\":false,\"hostType\":\"public\"},\"values\":{\"pm25\":{\"raw\":20.5,"
            + "\"value\":14.25,\"correction\":\"us-epa-2021-ext2022\"},\"humidity\":{\"raw\":61,\"value\":61}},"
            + "\"flags\":[{\"rule\":\"spike\",\"quantity\":\"pm25\",\"detail\":\"jump\"}]}";
    assertThat(CleanReadingDecoder.decode(ok.getBytes(StandardCharsets.UTF_8))).isNotNull();
    List<String> variants =
        List.of(
            ok,
            ok.replace("\"gatewayId\"", "\"extra\":{\"a\":[1,{\"b\":null}]},\"gatewayId\""),
            ok.replace("{\"sensorId\":\"s1\",", "{\"zzz\":[],") + "",
            ok.replace("\"sensorId\":\"s1\"", "\"sensorId\":null"),
            ok.replace("\"sensorId\":\"s1\"", "\"sensorId\":12"),
            ok.replace("\"sensorId\":\"s1\"", "\"sensorId\":\"s1\",\"sensorId\":\"s2\""),
            ok.replace("\"raw\":20.5", "\"raw\":\"20.5\""),
            ok.replace("\"raw\":20.5", "\"raw\":null"),
            ok.replace("\"raw\":20.5,", ""),
            ok.replace("\"raw\":20.5", "\"raw\":1e400"),
            ok.replace("\"raw\":20.5", "\"raw\":-0.0"),
            ok.replace("\"raw\":20.5", "\"raw\":123456789012345678901234567890"),
            ok.replace("\"raw\":20.5", "\"raw\":0.1e-320"),
            ok.replace("\"lat\":-1.28,", ""),
            ok.replace("\"lat\":-1.28", "\"lat\":null"),
            ok.replace("\"indoor\":false", "\"indoor\":0"),
            ok.replace("\"indoor\":false", "\"indoor\":\"true\""),
            ok.replace("\"hostType\":\"public\"", "\"hostType\":\"PUBLIC\""),
            ok.replace("\"hostType\":\"public\"", "\"hostType\":\"\""),
            ok.replace("\"format\":\"airq\"", "\"format\":\"AIRQ_JSON\""),
            ok.replace("\"format\":\"airq\"", "\"format\":\"nope\""),
            ok.replace("\"format\":\"airq\"", "\"format\":1"),
            ok.replace("\"format\":\"airq\"", "\"format\":null"),
            ok.replace("\"pm25\":{", "\"PM25\":{"),
            ok.replace("\"pm25\":{", "\"dust\":{"),
            ok.replace("\"humidity\":{\"raw\":61,\"value\":61}", "\"humidity\":null"),
            ok.replace("\"humidity\":{", "\"pm25\":{"),
            ok.replace("\"values\":{", "\"values\":[").replace("}},\"flags\"", "}],\"flags\""),
            ok.replace("\"values\":{\"pm25\"", "\"values\":null,\"v\":{\"pm25\""),
            ok.replace("\"flags\":[", "\"flags\":[null,"),
            ok.replace("\"flags\":[{", "\"flags\":null,\"f\":[{"),
            ok.replace("\"rule\":\"spike\",", ""),
            ok.replace("\"rule\":\"spike\"", "\"rule\":\"SPIKE\""),
            ok.replace("\"detail\":\"jump\"", "\"detail\":null"),
            ok.replace("\"place\":{", "\"place\":null,\"p\":{"),
            ok + " {}",
            ok + " x",
            ok.substring(0, ok.length() - 1),
            " " + ok + "\n",
            "[]",
            "null",
            "",
            "{}",
            "{\"sensorId\":\"s1\"}",
            "{\"sensorId\":\"s1\",\"time\":\"2026-03-01T10:00:00Z\"}");
    String[] times = {
      "2026-03-01T10:00:00Z",
      "2026-03-01T10:00:00.1Z",
      "2026-03-01T10:00:00.123456789Z",
      "2026-03-01T10:00:00.1234567891Z",
      "2026-03-01T10:00:00.Z",
      "2026-03-01T10:00Z",
      "2026-03-01T10:00:00z",
      "2026-03-01T10:00:00+00:00",
      "2026-03-01T10:00:00+01:00",
      "2026-03-01 10:00:00Z",
      "2026-02-29T10:00:00Z",
      "2024-02-29T10:00:00Z",
      "2026-02-30T10:00:00Z",
      "2026-13-01T10:00:00Z",
      "2026-00-01T10:00:00Z",
      "2026-03-00T10:00:00Z",
      "2026-03-01T24:00:00Z",
      "2026-03-01T23:59:60Z",
      "2026-03-01T23:60:00Z",
      "0000-01-01T00:00:00Z",
      "1969-12-31T23:59:59.999999999Z",
      "9999-12-31T23:59:59.999999999Z",
      "+10000-01-01T00:00:00Z",
      "-0001-01-01T00:00:00Z",
      " 2026-03-01T10:00:00Z",
      "2026-03-01T10:00:00Z ",
      "２０２６-03-01T10:00:00Z",
      "1772359200",
      "",
    };
    List<String> all = new ArrayList<>(variants);
    for (String t : times) {
      all.add(ok.replace("\"2026-03-01T10:00:00.123Z\"", "\"" + t + "\""));
    }
    all.add(ok.replace("\"2026-03-01T10:00:00.123Z\"", "1772359200"));
    all.add(ok.replace("\"2026-03-01T10:00:00.123Z\"", "1772359200.5"));
    all.add(ok.replace("\"2026-03-01T10:00:01Z\"", "null"));
    for (String v : all) {
      agrees(v.getBytes(StandardCharsets.UTF_8));
    }
    // and the ordinary instants are taken by the fast path
    for (String t : new String[] {times[0], times[1], times[2], times[11], times[21]}) {
      String v = ok.replace("\"2026-03-01T10:00:00.123Z\"", "\"" + t + "\"");
      assertThat(CleanReadingDecoder.decode(v.getBytes(StandardCharsets.UTF_8))).as(v).isNotNull();
    }
  }
}
