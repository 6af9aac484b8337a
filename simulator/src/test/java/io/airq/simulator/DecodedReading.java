package io.airq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.simulator.generate.PayloadEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-side decoder of the five payload formats, written from docs/simulator.md and
 * docs/ingest.md, independent of the encoder. {@code values} holds every quantity by its airq id in
 * canonical units (channel A only); {@code pm25} averages PurpleAir's two channels when both are
 * there and agree. {@code time} is null for a payload without one.
 */
record DecodedReading(
    String sensor, Instant time, double pm25, double pm10, Map<String, Double> values) {

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
        Map<String, Double> v = new LinkedHashMap<>();
        Map<String, String> names = Map.of("P0", "pm1", "P1", "pm10", "P2", "pm25");
        for (JsonNode e : n.get("sensordatavalues")) {
          String type = e.get("value_type").asText();
          double x = Double.parseDouble(e.get("value").asText());
          v.put(names.getOrDefault(type, type), type.equals("pressure") ? x / 100 : x);
        }
        out.add(of(sensor, time(n), v));
      }
      case "airgradient" -> {
        Map<String, Double> v = new LinkedHashMap<>();
        Map<String, String> names =
            Map.of(
                "pm01",
                "pm1",
                "pm02",
                "pm25",
                "pm10",
                "pm10",
                "atmp",
                "temperature",
                "rhum",
                "humidity",
                "rco2",
                "co2");
        names.forEach(
            (field, id) -> {
              if (n.hasNonNull(field)) {
                v.put(id, n.get(field).asDouble());
              }
            });
        out.add(of(sensor, time(n), v));
      }
      case "purpleair" -> {
        Map<String, Double> v = new LinkedHashMap<>();
        Map<String, String> names =
            Map.of(
                "pm1_0_cf_1",
                "pm1",
                "pm2_5_cf_1",
                "pm25",
                "pm10_0_cf_1",
                "pm10",
                "current_humidity",
                "humidity",
                "pressure",
                "pressure");
        names.forEach(
            (field, id) -> {
              if (n.hasNonNull(field)) {
                v.put(id, n.get(field).asDouble());
              }
            });
        if (n.hasNonNull("current_temp_f")) {
          v.put("temperature", (n.get("current_temp_f").asDouble() - 32) * 5 / 9);
        }
        Instant t = Instant.from(PayloadEncoder.PURPLEAIR_TIME.parse(n.get("DateTime").asText()));
        double pm25 = v.getOrDefault("pm25", Double.NaN);
        if (n.hasNonNull("pm2_5_cf_1_b")) {
          // the channels' mean, unless they disagree by the US EPA rule (docs/quality.md)
          double b = n.get("pm2_5_cf_1_b").asDouble();
          double diff = Math.abs(pm25 - b);
          if (!(diff > 5 && diff / ((pm25 + b) / 2) > 0.70)) {
            pm25 = (pm25 + b) / 2;
          }
        }
        out.add(new DecodedReading(sensor, t, pm25, v.getOrDefault("pm10", Double.NaN), v));
      }
      case "senml" -> {
        Instant t = Instant.ofEpochSecond(n.get(0).get("bt").asLong());
        Map<String, Double> v = new LinkedHashMap<>();
        for (JsonNode r : n) {
          v.put(r.get("n").asText(), r.get("v").asDouble());
        }
        out.add(of(sensor, t, v));
      }
      default -> throw new IllegalArgumentException(format);
    }
    return Optional.of(out);
  }

  private static Instant time(JsonNode n) {
    return n.hasNonNull("timestamp") ? Instant.parse(n.get("timestamp").asText()) : null;
  }

  private static DecodedReading of(String sensor, Instant time, Map<String, Double> v) {
    return new DecodedReading(
        sensor, time, v.getOrDefault("pm25", Double.NaN), v.getOrDefault("pm10", Double.NaN), v);
  }

  private static DecodedReading airq(String sensor, JsonNode o) {
    Map<String, Double> v = new LinkedHashMap<>();
    o.get("values").fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asDouble()));
    return of(sensor, Instant.parse(o.get("time").asText()), v);
  }
}
