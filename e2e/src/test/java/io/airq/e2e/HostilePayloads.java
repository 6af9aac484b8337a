package io.airq.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.airq.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seeded generator of the hostile-input suite: message {@code n} of a run is always the same.
 * Every message names the reason codes the bridge may give it (docs/ingest.md, "Rejections"), or
 * the ids it must forward verbatim when it only looks hostile.
 */
final class HostilePayloads {
  static final String PUSH_CHANNEL = "http:/v1/push-sensor-data/";
  static final int TEN_MB = 10 * 1024 * 1024;

  /** The documented sensor id rule; ids outside it must be dead-lettered as invalid-sensor. */
  private static final Pattern SENSOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  /** Line-protocol, header, path and SQL injection attempts, control characters, bad lengths. */
  static final List<String> INJECTION_IDS =
      List.of(
          "x,evil=1 pm25=999",
          "x evil=1",
          "x\nairq_readings,sensor=evil pm25=999 0",
          "x\r\nX-Evil: 1",
          "x\"y",
          "x'y",
          "x\\y",
          "x=1",
          "x;DROP MEASUREMENT readings",
          "../../etc/passwd",
          "x\ty",
          "x\u0000y",
          "-leading-dash",
          ".hidden",
          "\u00f1airobi",
          "x#y",
          "x+y",
          "x".repeat(129),
          "",
          " ");

  private static final Set<String> MALFORMED = Set.of("malformed-json");
  private static final Set<String> TOO_LARGE = Set.of("payload-too-large");

  private final Random rnd;
  private final String run;
  private final Instant t0;

  /**
   * @param seed the generator's seed
   * @param run a tag that keeps this run's topics and sensors apart from any other
   * @param t0 the time valid readings count back from
   */
  HostilePayloads(long seed, String run, Instant t0) {
    this.rnd = new Random(seed);
    this.run = run;
    this.t0 = t0;
  }

  // ---- valid traffic, interleaved with the hostile one ----

  /** The topic of valid MQTT message {@code i}: a sensor-less topic, the sensor is in the body. */
  String validMqttTopic() {
    return "airq/v1/" + run + "-ok/-";
  }

  String validMqttSensor(int i) {
    return "ok-" + run + "-" + (i % 37);
  }

  long validTime(int i) {
    return t0.minusSeconds(i).toEpochMilli();
  }

  byte[] validMqttBody(int i) {
    return airq(
        validMqttSensor(i), Instant.ofEpochMilli(validTime(i)), "{\"pm25\":" + (i % 90) + ".5}");
  }

  String validHttpSensor(int i) {
    return "okh-" + run + "-" + (i % 13);
  }

  byte[] validHttpBody(int i) {
    return sensorCommunity(
        Optional.empty(),
        Optional.of(Instant.ofEpochMilli(validTime(i))),
        "\"" + (i % 70) + ".25\"");
  }

  // ---- hostile traffic ----

  /** Hostile message {@code n} over MQTT. */
  HostileCase mqtt(int n) {
    String gw = run + "-h" + n;
    String topic = "airq/v1/" + gw + "/-";
    if (n % 3333 == 7) {
      return dead("10mb", topic, oversized(TEN_MB), TOO_LARGE, topic);
    }
    if (n % 500 == 11) {
      return dead("oversize", topic, oversized(262_145 + rnd.nextInt(800_000)), TOO_LARGE, topic);
    }
    return switch (n % 20) {
      case 0, 1, 2, 3 -> randomBytes(topic, topic);
      case 4, 5, 6 -> dead("truncated-json", topic, truncated(), MALFORMED, topic);
      case 7 -> dead("concatenated-json", topic, concatenated(), MALFORMED, topic);
      case 8, 9 -> deep(topic, topic);
      case 10, 11, 12 -> nonFinite(topic, topic);
      case 13, 14, 15 -> wrongType(topic, topic);
      case 16, 17 -> mqttInjection(gw, topic);
      case 18 -> badTopic(gw);
      default -> mqttLegit(n, gw);
    };
  }

  /** Hostile message {@code n} over the HTTP push. */
  HostileCase http(int n) {
    String sensor = "hh-" + run + "-" + n;
    if (n % 3333 == 7) {
      return http(dead("10mb", PUSH_CHANNEL, oversized(TEN_MB), TOO_LARGE, sensor), sensor);
    }
    if (n % 500 == 11) {
      byte[] big = oversized(262_145 + rnd.nextInt(800_000));
      return http(dead("oversize", PUSH_CHANNEL, big, TOO_LARGE, sensor), sensor);
    }
    return switch (n % 20) {
      case 0, 1, 2, 3 -> http(randomBytes(PUSH_CHANNEL, sensor), sensor);
      case 4, 5, 6 ->
          http(dead("truncated-json", PUSH_CHANNEL, truncated(), MALFORMED, sensor), sensor);
      case 7 ->
          http(dead("concatenated-json", PUSH_CHANNEL, concatenated(), MALFORMED, sensor), sensor);
      case 8, 9 -> http(deep(PUSH_CHANNEL, sensor), sensor);
      case 10, 11, 12 -> http(nonFinite(PUSH_CHANNEL, sensor), sensor);
      case 13, 14, 15 -> http(wrongType(PUSH_CHANNEL, sensor), sensor);
      case 16, 17, 18 -> httpInjection(sensor);
      default -> httpLegit(n);
    };
  }

  private static HostileCase http(HostileCase c, String xSensor) {
    return new HostileCase(
        c.kind(),
        c.topic(),
        Optional.of(xSensor),
        c.body(),
        c.reasonCodes(),
        c.deadLetterKey(),
        c.verbatim());
  }

  private static HostileCase dead(
      String kind, String topic, byte[] body, Set<String> codes, String key) {
    return new HostileCase(kind, topic, Optional.empty(), body, codes, key, Optional.empty());
  }

  private HostileCase randomBytes(String topic, String key) {
    byte[] b = new byte[rnd.nextInt(2049)];
    rnd.nextBytes(b);
    return dead("random-bytes", topic, b, Set.of("malformed-json", "unknown-shape"), key);
  }

  /** A valid document of a random format. */
  private byte[] validDocument() {
    Instant t = t0.minusSeconds(rnd.nextInt(3600));
    return switch (rnd.nextInt(5)) {
      case 0 -> airq("doc-" + run, t, "{\"pm25\":12.5,\"humidity\":60}");
      case 1 ->
          utf8(
              "["
                  + str(airq("doc-" + run, t, "{\"pm25\":1}"))
                  + ","
                  + str(airq("doc-" + run, t.minusSeconds(1), "{\"pm10\":2}"))
                  + "]");
      case 2 -> sensorCommunity(Optional.of("\"12331981\""), Optional.of(t), "\"13.40\"");
      case 3 ->
          utf8(
              "{\"serialno\":\"ecda3b1eaaaf\",\"pm02\":4,\"rco2\":447,\"timestamp\":\""
                  + t
                  + "\"}");
      default ->
          utf8(
              "[{\"bn\":\"senml-"
                  + run
                  + ":\",\"bt\":"
                  + t.getEpochSecond()
                  + ",\"n\":\"pm25\",\"v\":9.5}]");
    };
  }

  private byte[] truncated() {
    byte[] doc = validDocument();
    return Arrays.copyOf(doc, rnd.nextInt(doc.length));
  }

  private byte[] concatenated() {
    String doc = str(validDocument());
    String tail =
        switch (rnd.nextInt(4)) {
          case 0 -> str(validDocument());
          case 1 -> " x,evil=1 pm25=999";
          case 2 -> "}";
          default -> "\n" + doc;
        };
    return utf8(doc + tail);
  }

  private HostileCase deep(String topic, String key) {
    int d = 1001 + rnd.nextInt(39_000); // {"a": x 40,000 stays under the 256 KiB limit
    int k = 1 + rnd.nextInt(900);
    return switch (rnd.nextInt(5)) {
      case 0 -> dead("deep-json", topic, utf8("[".repeat(d)), MALFORMED, key);
      case 1 -> dead("deep-json", topic, utf8("[".repeat(d) + "]".repeat(d)), MALFORMED, key);
      case 2 ->
          dead("deep-json", topic, utf8("{\"a\":".repeat(d) + "1" + "}".repeat(d)), MALFORMED, key);
      case 3 ->
          dead(
              "deep-json",
              topic,
              airq("deep-" + run, t0, "{\"pm25\":" + "[".repeat(k) + "1" + "]".repeat(k) + "}"),
              Set.of("wrong-type"),
              key);
      default ->
          dead(
              "deep-json",
              topic,
              utf8("[".repeat(k) + "]".repeat(k)),
              Set.of("unknown-shape"),
              key);
    };
  }

  private HostileCase nonFinite(String topic, String key) {
    String[] tokens = {"NaN", "Infinity", "-Infinity", "1e999", "-1e999"};
    String tok = tokens[rnd.nextInt(tokens.length)];
    byte[] body =
        switch (rnd.nextInt(7)) {
          // finite numbers whose sum or unit conversion overflows to infinity
          case 4 -> utf8("[{\"bn\":\"nf-" + run + ":\",\"bv\":1e308,\"n\":\"pm25\",\"v\":1e308}]");
          case 5 ->
              utf8("[{\"bn\":\"nf-" + run + ":\",\"n\":\"pressure\",\"u\":\"kPa\",\"v\":1e308}]");
          case 6 ->
              utf8(
                  "{\"SensorId\":\"44:17:93:1:9d:3\",\"DateTime\":\"2026/03/01T10:00:00z\","
                      + "\"current_temp_f\":-1e308,\"pm2_5_cf_1\":1}");
          case 0 -> airq("nf-" + run, t0, "{\"pm25\":" + tok + "}");
          case 1 -> sensorCommunity(Optional.of("\"4242\""), Optional.of(t0), "\"" + tok + "\"");
          case 2 -> utf8("[{\"bn\":\"nf-" + run + ":\",\"n\":\"pm25\",\"v\":" + tok + "}]");
          default -> utf8("{\"serialno\":\"nf\",\"pm02\":" + tok + "}");
        };
    return dead("nan-infinity", topic, body, Set.of("non-finite"), key);
  }

  private HostileCase wrongType(String topic, String key) {
    String s = "\"wt-" + run + "\"";
    String[][] variants = {
      {"{\"sensor\":" + s + ",\"values\":{\"pm25\":\"12\"}}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"values\":{\"pm25\":true}}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"values\":{\"pm25\":null}}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"values\":{\"pm25\":{}}}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"values\":[1,2]}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"values\":\"pm25\"}", "wrong-type"},
      {"{\"sensor\":12,\"values\":{\"pm25\":1}}", "wrong-type"},
      {"{\"sensor\":{\"id\":\"a\"},\"values\":{\"pm25\":1}}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"time\":1700000000,\"values\":{\"pm25\":1}}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"time\":\"yesterday\",\"values\":{\"pm25\":1}}", "bad-timestamp"},
      {"{\"sensor\":" + s + ",\"values\":{\"pm25\":1},\"channelB\":5}", "wrong-type"},
      {"{\"sensor\":" + s + ",\"values\":{\"pm25\\n\":1}}", "unknown-quantity"},
      {
        "{\"sensor\":"
            + s
            + ",\"time\":\""
            + t0.plusSeconds(86_400)
            + "\",\"values\":{\"pm25\":1}}",
        "future-timestamp"
      },
      {
        "{\"sensor\":" + s + ",\"time\":\"2000-01-01T00:00:00Z\",\"values\":{\"pm25\":1}}",
        "too-old"
      },
      {"{\"sensordatavalues\":{\"P2\":\"1\"},\"esp8266id\":\"1\"}", "wrong-type"},
      {"{\"sensordatavalues\":[5],\"esp8266id\":\"1\"}", "wrong-type"},
      {
        "{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"abc\"}],\"esp8266id\":\"1\"}",
        "wrong-type"
      },
      {
        "{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":true}],\"esp8266id\":\"1\"}",
        "wrong-type"
      },
      {
        "{\"sensordatavalues\":[{\"value_type\":2,\"value\":\"1\"}],\"esp8266id\":\"1\"}",
        "wrong-type"
      },
      {
        "{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"1\"}],\"esp8266id\":1.5}",
        "wrong-type"
      },
      {"[{\"bn\":\"wt-" + run + ":\",\"n\":\"pm25\",\"v\":\"1\"}]", "wrong-type"},
      {"[{\"bn\":5,\"n\":\"pm25\",\"v\":1}]", "wrong-type"},
      {"{\"serialno\":\"ab\",\"pm02\":\"12\"}", "wrong-type"},
      {"\"just a string\"", "unknown-shape"},
      {"42", "unknown-shape"},
      {"true", "unknown-shape"},
      {"null", "unknown-shape"},
      {"{}", "unknown-shape"},
    };
    String[] v = variants[rnd.nextInt(variants.length)];
    return dead("wrong-type", topic, utf8(v[0]), Set.of(v[1]), key);
  }

  private String injectionId() {
    return INJECTION_IDS.get(rnd.nextInt(INJECTION_IDS.size()));
  }

  private static boolean validSensor(String id) {
    return SENSOR_ID.matcher(id).matches();
  }

  /** MQTT forbids these in topic names (wildcards, separators, control characters). */
  private static boolean usableInTopic(String id) {
    return !id.isEmpty()
        && id.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c < 0x20 || c == 0x7f);
  }

  private HostileCase mqttInjection(String gw, String topic) {
    Set<String> invalid = Set.of("invalid-sensor");
    while (true) {
      String id = injectionId();
      switch (rnd.nextInt(5)) {
        case 0 -> {
          return dead("injection-id", topic, airq(id, t0, "{\"pm25\":1}"), invalid, topic);
        }
        case 1 -> {
          // SenML: the base name's part before its last ':' or '/' is the sensor
          if (!id.isBlank() && !id.contains(":") && !id.contains("/")) {
            byte[] b = utf8("[{\"bn\":" + json(id + ":") + ",\"n\":\"pm25\",\"v\":1}]");
            return dead("injection-id", topic, b, invalid, topic);
          }
        }
        case 2 -> {
          if (!validSensor("esp8266-" + id)) {
            byte[] b = sensorCommunity(Optional.of(json(id)), Optional.of(t0), "\"1\"");
            return dead("injection-id", topic, b, invalid, topic);
          }
        }
        case 3 -> {
          if (!validSensor("airgradient-" + id)) {
            byte[] b = utf8("{\"serialno\":" + json(id) + ",\"pm02\":1}");
            return dead("injection-id", topic, b, invalid, topic);
          }
        }
        default -> {
          if (usableInTopic(id) && !id.isBlank()) {
            String t = "airq/v1/" + gw + "/" + id;
            byte[] b = sensorCommunity(Optional.empty(), Optional.of(t0), "\"1\"");
            return dead("injection-id", t, b, invalid, id);
          }
        }
      }
    }
  }

  private HostileCase httpInjection(String sensor) {
    Set<String> invalid = Set.of("invalid-sensor");
    while (true) {
      String id = injectionId();
      switch (rnd.nextInt(3)) {
        case 0 -> {
          return http(
              dead("injection-id", PUSH_CHANNEL, airq(id, t0, "{\"pm25\":1}"), invalid, sensor),
              sensor);
        }
        case 1 -> {
          if (!id.isBlank() && !id.contains(":") && !id.contains("/")) {
            byte[] b = utf8("[{\"bn\":" + json(id + ":") + ",\"n\":\"pm25\",\"v\":1}]");
            return http(dead("injection-id", PUSH_CHANNEL, b, invalid, sensor), sensor);
          }
        }
        default -> {
          // a header value: printable ASCII, no surrounding blanks (HTTP trims them); CR, LF and
          // NUL cannot be sent in a header at all (the test checks the client refuses them)
          if (!id.isEmpty()
              && id.equals(id.trim())
              && id.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            byte[] b = sensorCommunity(Optional.empty(), Optional.of(t0), "\"1\"");
            return new HostileCase(
                "injection-id", PUSH_CHANNEL, Optional.of(id), b, invalid, id, Optional.empty());
          }
        }
      }
    }
  }

  private HostileCase badTopic(String gw) {
    byte[] body = airq("bt-" + run, t0, "{\"pm25\":1}");
    return switch (rnd.nextInt(4)) {
      case 0 -> {
        String t = "airq/v1/" + gw;
        yield dead("bad-topic", t, body, Set.of("bad-topic"), t);
      }
      case 1 -> dead("bad-topic", "airq/v1/" + gw + "/s/airq/x", body, Set.of("bad-topic"), "s");
      case 2 ->
          dead(
              "bad-topic",
              "airq/v1/" + gw + "/s/x,evil=1 pm25=999",
              body,
              Set.of("unknown-format"),
              "s");
      default -> {
        String t = "airq/v1/" + gw + "//";
        yield dead("bad-topic", t, body, Set.of("bad-topic"), t);
      }
    };
  }

  private HostileCase mqttLegit(int n, String gw) {
    long time = t0.minusMillis(n).toEpochMilli();
    if (rnd.nextBoolean()) {
      String id = "x.evil-1:pm25@999_" + run + "-" + n;
      return new HostileCase(
          "odd-but-legal-id",
          "airq/v1/" + gw + "/-",
          Optional.empty(),
          airq(id, Instant.ofEpochMilli(time), "{\"pm25\":3}"),
          Set.of(),
          "",
          Optional.of(new HostileCase.Verbatim(id, gw, time)));
    }
    // the gateway is provenance only (a header and gatewayId, never a key or a tag): any topic
    // text the broker takes is carried verbatim
    String gateway = gw + ",evil=1 pm25=999 \"';\\ \u200b\u00f1";
    String sensor = "gwinj-" + run + "-" + n;
    String json = "{\"time\":\"" + Instant.ofEpochMilli(time) + "\",\"values\":{\"pm25\":3}}";
    return new HostileCase(
        "injection-in-gateway",
        "airq/v1/" + gateway + "/" + sensor,
        Optional.empty(),
        utf8(json),
        Set.of(),
        "",
        Optional.of(new HostileCase.Verbatim(sensor, gateway, time)));
  }

  private HostileCase httpLegit(int n) {
    long time = t0.minusMillis(n).toEpochMilli();
    String id = "x.evil-1:pm25@999_" + run + "-http-" + n;
    return new HostileCase(
        "odd-but-legal-id",
        PUSH_CHANNEL,
        Optional.of(id),
        sensorCommunity(Optional.empty(), Optional.of(Instant.ofEpochMilli(time)), "\"3\""),
        Set.of(),
        "",
        Optional.of(new HostileCase.Verbatim(id, id, time)));
  }

  // ---- documents ----

  private byte[] oversized(int size) {
    String head = "{\"sensor\":\"big-" + run + "\",\"values\":{\"pm25\":1},\"pad\":\"";
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'a');
    byte[] h = utf8(head);
    System.arraycopy(h, 0, b, 0, h.length);
    b[size - 2] = '"';
    b[size - 1] = '}';
    return b;
  }

  private static byte[] airq(String sensor, Instant time, String values) {
    return utf8(
        "{\"sensor\":" + json(sensor) + ",\"time\":\"" + time + "\",\"values\":" + values + "}");
  }

  /** A Sensor.Community body: optional esp8266id (raw JSON), optional timestamp, one P2 value. */
  private static byte[] sensorCommunity(
      Optional<String> esp8266id, Optional<Instant> time, String p2) {
    return utf8(
        "{"
            + esp8266id.map(id -> "\"esp8266id\":" + id + ",").orElse("")
            + "\"software_version\":\"NRZ-2020-129\","
            + time.map(t -> "\"timestamp\":\"" + t + "\",").orElse("")
            + "\"sensordatavalues\":[{\"value_type\":\"SDS_P2\",\"value\":"
            + p2
            + "},{\"value_type\":\"signal\",\"value\":\"-71\"}]}");
  }

  static String json(String s) {
    try {
      return Json.mapper().writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
