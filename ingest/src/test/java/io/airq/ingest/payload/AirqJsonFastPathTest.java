package io.airq.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of the usual airq message gives what the tree read gives: the same readings,
 * or (having returned null) the same refusal, for every origin a message can come with.
 */
class AirqJsonFastPathTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");
  private final PayloadParser fast = new PayloadParser(ParseLimits.DEFAULTS);
  private final PayloadParser tree = new PayloadParser(ParseLimits.DEFAULTS, false);

  private static List<Origin> origins() {
    List<Origin> out = new ArrayList<>();
    for (Optional<String> sensor : List.of(Optional.<String>empty(), Optional.of("topic-sensor"))) {
      for (Optional<SourceFormat> format :
          List.of(
              Optional.<SourceFormat>empty(),
              Optional.of(SourceFormat.AIRQ_JSON),
              Optional.of(SourceFormat.SIMULATOR),
              Optional.of(SourceFormat.REPLAY),
              Optional.of(SourceFormat.SENSOR_COMMUNITY),
              Optional.of(SourceFormat.AIRGRADIENT),
              Optional.of(SourceFormat.PURPLEAIR),
              Optional.of(SourceFormat.SENML))) {
        out.add(new Origin("airq/v1/gw-1/x", "gw-1", sensor, format, NOW));
      }
    }
    return out;
  }

  private void assertSame(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (Origin o : origins()) {
      assertThat(fast.parse(bytes, o)).as("%s from %s", body, o).isEqualTo(tree.parse(bytes, o));
    }
  }

  /** The payloads the fast path must read itself (not hand back), so that it is used at all. */
  private static final List<String> USUAL =
      List.of(
          "{\"sensor\":\"nbo-cbd-01\",\"time\":\"2026-03-01T10:00:00Z\",\"values\":{\"pm25\":35.2,"
              + "\"pm10\":51,\"temperature\":-3.5,\"humidity\":61.0}}",
          "{\"time\":\"2026-03-01T10:00:00.250Z\",\"values\":{\"pm25\":1e1},\"sensor\":\"a\"}",
          "{\"sensor\":\"pa-1\",\"time\":\"2026-03-01T12:00:00+03:00\",\"values\":{\"pm25\":12.5},"
              + "\"channelB\":{\"pm25\":13.0}}",
          "{\"sensor\":\"a\",\"values\":{\"pm25\":0,\"pm10\":-0.0}}",
          " {\"sensor\" : \"a\" ,\n \"values\" : { \"pm25\" : 1 } }\r\n");

  @Test
  void theUsualMessagesAreReadByTheFastPathAndGiveTheSameReadings() {
    Origin o = new Origin("t", "gw", Optional.empty(), Optional.empty(), NOW);
    for (String body : USUAL) {
      assertThat(
              AirqJsonFastPath.read(
                  body.getBytes(StandardCharsets.UTF_8), o, SourceFormat.AIRQ_JSON))
          .as(body)
          .isNotNull();
      assertSame(body);
    }
  }

  @Test
  void everythingElseGivesTheSameResultAsTheTree() {
    List<String> bodies =
        List.of(
            "",
            "   ",
            "null",
            "[]",
            "42",
            "\"text\"",
            "{}",
            "{\"sensor\":\"a\"}",
            "{\"values\":{\"pm25\":1}}",
            "{\"sensor\":null,\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":null,\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"values\":{}}",
            "{\"sensor\":\"a\",\"values\":null}",
            "{\"sensor\":\"a\",\"values\":[1,2]}",
            "{\"sensor\":12,\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"-bad\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a b\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a,evil=1\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"nbo\\u002dcbd\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":\"12\"}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":true}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":null}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":{\"v\":1}}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":NaN}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":Infinity}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":-Infinity}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1e400}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":123456789012345678901234567890}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":9223372036854775807}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":-5}}",
            "{\"sensor\":\"a\",\"values\":{\"temperature\":-5}}",
            "{\"sensor\":\"a\",\"values\":{\"ozone\":5}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1,\"pm25\":2}}",
            "{\"sensor\":\"a\",\"sensor\":\"b\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"values\":{\"pm10\":2}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"gateway\":\"x\"}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"sensordatavalues\":[]}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"channelB\":null}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"channelB\":{}}",
            "{\"sens\\u006fr\":\"a\",\"values\":{\"pm\\u0032\\u0035\":1}}",
            "\uFEFF{\"sensor\":\"a\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"channelB\":[1]}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"channelB\":{\"pm25\":\"x\"}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1},\"channelB\":{\"pm25\":-1}}",
            "{\"sensor\":\"a\",\"time\":\"2026-03-01 10:00:00\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":\"2026-13-01T10:00:00Z\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":\"yesterday\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":1772359200,\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":\"2026-03-02T10:00:00Z\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":\"1999-03-01T10:00:00Z\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"time\":\"2026-03-01T10:00:00\",\"values\":{\"pm25\":1}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1}}{\"sensor\":\"b\",\"values\":{\"pm25\":2}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1}} x",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":1,}}",
            "{\"sensor\":\"a\",\"values\":{\"pm25\":01}}",
            "{'sensor':'a','values':{'pm25':1}}",
            "[{\"sensor\":\"a\",\"values\":{\"pm25\":1}},{\"sensor\":\"b\",\"values\":{\"pm25\":2}}]",
            "[{\"sensor\":\"a\",\"values\":{\"pm25\":1}},3]",
            "{\"sensordatavalues\":[{\"value_type\":\"SDS_P2\",\"value\":\"4.1\"}]}");
    for (String body : bodies) {
      assertSame(body);
    }
  }

  @Test
  void randomMutationsOfTheUsualMessagesGiveTheSameResultAsTheTree() {
    Random random = new Random(20261128);
    String alphabet = "{}[]\":,.-+0123456789eE \\nulltruefalseNaNpm25sensorvaluestimechannelBZT";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder(USUAL.get(random.nextInt(USUAL.size())));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(b.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> {
            if (at < b.length()) {
              b.deleteCharAt(at);
            }
          }
          default -> {
            if (at < b.length()) {
              b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
          }
        }
      }
      assertSame(b.toString());
    }
  }
}
