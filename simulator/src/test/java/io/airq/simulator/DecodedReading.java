package io.airq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.simulator.generate.PayloadEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-side decoder of the five payload formats, written from docs/simulator.md, independent of
 * the encoder.
 */
record DecodedReading(String sensor, Instant time, double pm25, double pm10) {

  /** Empty when the payload is not JSON (a malformed message). */
  static Optional<List<DecodedReading>> decode(String topic, byte[] payload) {
    String[] parts = topic.split("/");
    String sensor = parts[3];
    String format = parts[4];
    JsonNode n;
    try {
      n = Json.mapper().readTree(new String(payload, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
    List<DecodedReading> out = new ArrayList<>();
    switch (format) {
      case "airq" -> {
        if (n.isArray()) {
          n.forEach(o -> out.add(airq(o.get("sensor").asText(), o)));
        } else {
          out.add(airq(sensor, n));
        }
      }
      case "sensor-community" -> {
        double p2 = Double.NaN;
        double p1 = Double.NaN;
        for (JsonNode v : n.get("sensordatavalues")) {
          if (v.get("value_type").asText().equals("P2")) {
            p2 = Double.parseDouble(v.get("value").asText());
          }
          if (v.get("value_type").asText().equals("P1")) {
            p1 = Double.parseDouble(v.get("value").asText());
          }
        }
        out.add(new DecodedReading(sensor, Instant.parse(n.get("timestamp").asText()), p2, p1));
      }
      case "airgradient" ->
          out.add(
              new DecodedReading(
                  sensor,
                  Instant.parse(n.get("timestamp").asText()),
                  n.get("pm02").asDouble(),
                  n.get("pm10").asDouble()));
      case "purpleair" ->
          out.add(
              new DecodedReading(
                  sensor,
                  Instant.from(PayloadEncoder.PURPLEAIR_TIME.parse(n.get("DateTime").asText())),
                  (n.get("pm2_5_cf_1").asDouble() + n.get("pm2_5_cf_1_b").asDouble()) / 2,
                  n.get("pm10_0_cf_1").asDouble()));
      case "senml" -> {
        Instant t = Instant.ofEpochSecond(n.get(0).get("bt").asLong());
        double pm25 = Double.NaN;
        double pm10 = Double.NaN;
        for (JsonNode r : n) {
          if (r.get("n").asText().equals("pm25")) {
            pm25 = r.get("v").asDouble();
          }
          if (r.get("n").asText().equals("pm10")) {
            pm10 = r.get("v").asDouble();
          }
        }
        out.add(new DecodedReading(sensor, t, pm25, pm10));
      }
      default -> throw new IllegalArgumentException(format);
    }
    return Optional.of(out);
  }

  private static DecodedReading airq(String sensor, JsonNode o) {
    return new DecodedReading(
        sensor,
        Instant.parse(o.get("time").asText()),
        o.get("values").get("pm25").asDouble(),
        o.get("values").get("pm10").asDouble());
  }
}
