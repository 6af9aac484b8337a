package io.airq.simulator.replay;

import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of one device at one timestamp, grouped into one reading: value type → value as the
 * archive wrote it.
 *
 * @param sensorId the archive's sensor id
 * @param sensorType e.g. pms5003 or DHT22
 * @param location the archive's location id
 * @param lat latitude
 * @param lon longitude
 * @param time measurement time
 * @param values value_type → value, in archive order
 */
public record DeviceReading(
    String sensorId,
    String sensorType,
    String location,
    double lat,
    double lon,
    Instant time,
    Map<String, String> values) {

  DeviceReading joined(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.putAll(more);
    return new DeviceReading(sensorId, sensorType, location, lat, lon, time, all);
  }

  /**
   * The values as airq quantities in canonical units: P0 = pm1, P1 = pm10, P2 = pm25, pressure from
   * Pa to hPa.
   *
   * @throws IllegalArgumentException for a value type without an airq quantity, or not a number
   */
  public Map<Quantity, Double> quantities() {
    Map<Quantity, Double> out = new EnumMap<>(Quantity.class);
    values.forEach(
        (type, text) -> {
          Quantity q =
              switch (type) {
                case "P0" -> Quantity.PM1;
                case "P1" -> Quantity.PM10;
                case "P2" -> Quantity.PM25;
                case "temperature" -> Quantity.TEMPERATURE;
                case "humidity" -> Quantity.HUMIDITY;
                case "pressure" -> Quantity.PRESSURE;
                default ->
                    throw new IllegalArgumentException(
                        "sensor "
                            + sensorId
                            + ": value type "
                            + type
                            + " has no airq quantity; replay it with --format sensor-community");
              };
          double v = Double.parseDouble(text);
          out.put(q, q == Quantity.PRESSURE ? v / 100 : v);
        });
    return out;
  }

  boolean particulate() {
    return values.containsKey("P2") || values.containsKey("P1") || values.containsKey("P0");
  }
}
