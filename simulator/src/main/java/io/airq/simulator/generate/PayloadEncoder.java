package io.airq.simulator.generate;

import static io.airq.core.reading.Quantity.HUMIDITY;
import static io.airq.core.reading.Quantity.PM1;
import static io.airq.core.reading.Quantity.PM10;
import static io.airq.core.reading.Quantity.PM25;
import static io.airq.core.reading.Quantity.PRESSURE;
import static io.airq.core.reading.Quantity.TEMPERATURE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a reading of any quantities in one of the five payload formats, with the device
 * timestamp, and says which quantities each format can carry. docs/simulator.md shows an example of
 * each; {@link SimPayloads} writes the simulated city's readings.
 */
public final class PayloadEncoder {
  /** PurpleAir's local {@code DateTime} layout, e.g. {@code 2023/10/26T18:53:40z}. */
  public static final DateTimeFormatter PURPLEAIR_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd'T'HH:mm:ss'z'").withZone(ZoneOffset.UTC);

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PayloadEncoder() {}

  /** The quantities each format can carry, as docs/ingest.md maps them. */
  private static final Map<String, Set<Quantity>> CARRIES =
      Map.of(
          "airq", EnumSet.allOf(Quantity.class),
          "sensor-community",
              EnumSet.of(PM1, PM25, PM10, TEMPERATURE, HUMIDITY, PRESSURE, Quantity.CO2),
          "airgradient", EnumSet.of(PM1, PM25, PM10, TEMPERATURE, HUMIDITY, Quantity.CO2),
          "purpleair", EnumSet.of(PM1, PM25, PM10, TEMPERATURE, HUMIDITY, PRESSURE),
          "senml",
              EnumSet.of(
                  PM1,
                  PM25,
                  PM10,
                  TEMPERATURE,
                  HUMIDITY,
                  PRESSURE,
                  Quantity.CO2,
                  Quantity.NO2,
                  Quantity.O3,
                  Quantity.SO2,
                  Quantity.CO));

  /** The five payload formats, in the order docs/simulator.md lists them. */
  public static final List<String> FORMATS =
      List.of("airq", "sensor-community", "airgradient", "purpleair", "senml");

  /** The quantities {@code format} can carry. */
  public static Set<Quantity> carries(String format) {
    Set<Quantity> q = CARRIES.get(format);
    if (q == null) {
      throw new IllegalArgumentException(
          "unknown payload format " + format + "; one of " + String.join(", ", FORMATS));
    }
    return q;
  }

  /** The formats that can carry every one of {@code quantities}. */
  public static List<String> formatsCarrying(Set<Quantity> quantities) {
    return FORMATS.stream().filter(f -> carries(f).containsAll(quantities)).toList();
  }

  /**
   * The payload of a reading of any quantities (canonical units) in {@code format}, one channel,
   * with the device time. Only the quantities present are written.
   *
   * @throws IllegalArgumentException when the format cannot carry one of the quantities
   */
  public static byte[] encode(String format, Map<Quantity, Double> values, Instant t) {
    Set<Quantity> allowed = carries(format);
    for (Quantity q : values.keySet()) {
      if (!allowed.contains(q)) {
        throw new IllegalArgumentException(
            "the "
                + format
                + " format cannot carry "
                + q.id()
                + "; formats that can: "
                + String.join(", ", formatsCarrying(EnumSet.of(q))));
      }
    }
    Map<Quantity, Double> v = new EnumMap<>(Quantity.class);
    v.putAll(values);
    return Json.write(node(format, v, t));
  }

  private static Object node(String format, Map<Quantity, Double> v, Instant t) {
    switch (format) {
      case "airq":
        {
          ObjectNode o = F.objectNode();
          o.put("time", t.toString());
          ObjectNode values = o.putObject("values");
          v.forEach((q, x) -> values.put(q.id(), x));
          return o;
        }
      case "sensor-community":
        {
          ObjectNode o = F.objectNode();
          o.put("software_version", "airq-simulator");
          o.put("timestamp", t.toString());
          ArrayNode a = o.putArray("sensordatavalues");
          Map<Quantity, String> names =
              Map.of(
                  PM1,
                  "P0",
                  PM10,
                  "P1",
                  PM25,
                  "P2",
                  TEMPERATURE,
                  "temperature",
                  HUMIDITY,
                  "humidity",
                  PRESSURE,
                  "pressure",
                  Quantity.CO2,
                  "co2");
          // pressure in Pa, as the firmware sends it
          v.forEach((q, x) -> a.add(value(names.get(q), q == PRESSURE ? x * 100 : x)));
          return o;
        }
      case "airgradient":
        {
          ObjectNode o = F.objectNode();
          Map<Quantity, String> names =
              Map.of(
                  PM1,
                  "pm01",
                  PM25,
                  "pm02",
                  PM10,
                  "pm10",
                  TEMPERATURE,
                  "atmp",
                  HUMIDITY,
                  "rhum",
                  Quantity.CO2,
                  "rco2");
          v.forEach((q, x) -> o.put(names.get(q), x));
          o.put("firmware", "airq-simulator");
          o.put("timestamp", t.toString());
          return o;
        }
      case "purpleair":
        {
          ObjectNode o = F.objectNode();
          o.put("DateTime", PURPLEAIR_TIME.format(t));
          o.put("place", "outside");
          o.put("version", "airq-simulator");
          Map<Quantity, String> names =
              Map.of(
                  PM1,
                  "pm1_0_cf_1",
                  PM25,
                  "pm2_5_cf_1",
                  PM10,
                  "pm10_0_cf_1",
                  HUMIDITY,
                  "current_humidity",
                  PRESSURE,
                  "pressure");
          v.forEach(
              (q, x) -> {
                if (q == TEMPERATURE) {
                  o.put("current_temp_f", x * 9 / 5 + 32);
                } else {
                  o.put(names.get(q), x);
                }
              });
          return o;
        }
      case "senml":
        {
          ArrayNode a = F.arrayNode();
          v.forEach(
              (q, x) -> {
                ObjectNode r = a.addObject();
                if (a.size() == 1) {
                  r.put("bt", t.getEpochSecond());
                }
                r.put("n", q.id()).put("u", SENML_UNITS.get(q.unit())).put("v", x);
              });
          return a;
        }
      default:
        throw new IllegalArgumentException("unknown payload format " + format);
    }
  }

  /** SenML unit of each canonical unit. */
  private static final Map<String, String> SENML_UNITS =
      Map.of(
          "µg/m³", "ug/m3", "mg/m³", "mg/m3", "ppm", "ppm", "°C", "Cel", "%", "%RH", "hPa", "hPa");

  /** A sensor-community value entry, the value as a string with two decimals. */
  static ObjectNode value(String type, double v) {
    ObjectNode o = F.objectNode();
    o.put("value_type", type);
    o.put("value", String.format(Locale.ROOT, "%.2f", v));
    return o;
  }
}
