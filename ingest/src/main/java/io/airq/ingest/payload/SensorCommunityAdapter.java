package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Sensor.Community / sensors.AFRICA push body: {@code {"esp8266id"?, "software_version",
 * "sensordatavalues":[{"value_type":"P2","value":"13.40"}, ...]}}. P0/P1/P2 are PM1/PM10/PM2.5;
 * sensor prefixes ({@code SDS_}, {@code PMS_}, {@code BME280_}, ...) are dropped; pressure arrives
 * in Pa and becomes hPa. Value types that are no air quantity (samples, signal, ...) are ignored.
 * When a body names the same quantity twice (two PM sensors), the first one wins.
 */
final class SensorCommunityAdapter {
  private static final double PA_PER_HPA = 100.0;

  private SensorCommunityAdapter() {}

  static List<Reading> read(JsonNode doc, Origin origin, SourceFormat format) throws Refusal {
    JsonNode list = doc.get("sensordatavalues");
    if (!doc.isObject() || list == null || !list.isArray()) {
      throw new Refusal(
          RejectionCode.WRONG_TYPE,
          "sensordatavalues must be an array, was " + JsonFields.describe(list));
    }
    Optional<String> device = deviceId(doc);
    String sensor =
        origin
            .sensor()
            .or(() -> device)
            .orElseThrow(
                () ->
                    new Refusal(
                        RejectionCode.MISSING_SENSOR,
                        "no sensor in the topic or X-Sensor header and no esp8266id"));
    Instant time = JsonFields.optionalIsoTime(doc, "timestamp").orElse(origin.receivedAt());
    Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
    int i = 0;
    for (JsonNode entry : list) {
      String at = "sensordatavalues[" + i++ + "]";
      if (!entry.isObject()) {
        throw new Refusal(RejectionCode.WRONG_TYPE, at + " must be an object");
      }
      String type =
          JsonFields.optionalText(entry, "value_type")
              .orElseThrow(() -> new Refusal(RejectionCode.WRONG_TYPE, at + " has no value_type"));
      Optional<Quantity> q = quantityOf(type);
      if (q.isEmpty() || values.containsKey(q.get())) {
        continue;
      }
      double v = JsonFields.numberOrNumericString(entry.get("value"), at + " (" + type + ")");
      values.put(q.get(), q.get() == Quantity.PRESSURE ? v / PA_PER_HPA : v);
    }
    return List.of(
        new Reading(
            sensor,
            time,
            origin.receivedAt(),
            origin.gateway(),
            format,
            values,
            Map.of(),
            List.of()));
  }

  private static Optional<String> deviceId(JsonNode doc) throws Refusal {
    JsonNode id = doc.get("esp8266id");
    if (id == null || id.isNull()) {
      return Optional.empty();
    }
    if (id.isTextual() || id.isIntegralNumber()) {
      return Optional.of("esp8266-" + id.asText());
    }
    throw new Refusal(RejectionCode.WRONG_TYPE, "esp8266id must be a string or an integer");
  }

  /** {@code SDS_P1} -> PM10, {@code BME280_temperature} -> temperature, {@code signal} -> none. */
  static Optional<Quantity> quantityOf(String valueType) {
    String name = valueType;
    int underscore = valueType.indexOf('_');
    if (underscore > 0 && !valueType.startsWith("pressure_")) {
      name = valueType.substring(underscore + 1);
    }
    return switch (name) {
      case "P0" -> Optional.of(Quantity.PM1);
      case "P1" -> Optional.of(Quantity.PM10);
      case "P2" -> Optional.of(Quantity.PM25);
      case "temperature" -> Optional.of(Quantity.TEMPERATURE);
      case "humidity" -> Optional.of(Quantity.HUMIDITY);
      case "pressure" -> Optional.of(Quantity.PRESSURE);
      case "co2" -> Optional.of(Quantity.CO2);
      default -> Optional.empty();
    };
  }
}
