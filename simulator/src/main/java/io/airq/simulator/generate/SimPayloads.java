package io.airq.simulator.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * The payloads of the simulated city's readings (PM1, PM2.5, PM10, humidity and temperature) in
 * each of the five payload formats, with the device timestamp (or without, as the AirGradient and
 * airrohr firmware send them); PurpleAir's with both channels, and NO2 where the sensor has it.
 * docs/simulator.md shows an example of each.
 */
public final class SimPayloads {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SimPayloads() {}

  /** The payload of one reading in {@code format}; {@code deviceTime} is what the device says. */
  public static byte[] encode(String format, SimReading r, Instant deviceTime) {
    return encode(format, r, deviceTime, DeviceTimes.ALWAYS);
  }

  /**
   * The payload of one reading in {@code format}; with {@link DeviceTimes#FIRMWARE} the formats
   * whose firmware sends no time (AirGradient, sensor-community) carry none.
   */
  public static byte[] encode(String format, SimReading r, Instant deviceTime, DeviceTimes times) {
    return Json.write(node(format, r, times.timed(format) ? deviceTime : null));
  }

  /** An airq JSON array of readings (a gateway's offline batch), each naming its sensor. */
  public static byte[] encodeBatch(List<SimReading> readings) {
    ArrayNode array = F.arrayNode();
    for (SimReading r : readings) {
      array.add(airq(r, r.time(), true));
    }
    return Json.write(array);
  }

  /** An airq JSON object; {@code withSensor} adds the "sensor" field. */
  public static ObjectNode airq(SimReading r, Instant deviceTime, boolean withSensor) {
    ObjectNode o = F.objectNode();
    if (withSensor) {
      o.put("sensor", r.sensorId());
    }
    o.put("time", deviceTime.toString());
    ObjectNode values = o.putObject("values");
    values.put("pm1", r.pm1());
    values.put("pm25", r.pm25());
    values.put("pm10", r.pm10());
    values.put("humidity", r.humidity());
    values.put("temperature", r.temperature());
    if (r.hasNo2()) {
      values.put("no2", r.no2());
    }
    return o;
  }

  private static Object node(String format, SimReading r, Instant t) {
    switch (format) {
      case "airq":
        return airq(r, t, false);
      case "sensor-community":
        {
          ObjectNode o = F.objectNode();
          o.put("software_version", "airq-simulator");
          if (t != null) {
            o.put("timestamp", t.toString());
          }
          ArrayNode v = o.putArray("sensordatavalues");
          v.add(PayloadEncoder.value("P0", r.pm1()));
          v.add(PayloadEncoder.value("P1", r.pm10()));
          v.add(PayloadEncoder.value("P2", r.pm25()));
          v.add(PayloadEncoder.value("humidity", r.humidity()));
          v.add(PayloadEncoder.value("temperature", r.temperature()));
          return o;
        }
      case "airgradient":
        {
          ObjectNode o = F.objectNode();
          o.put("pm01", r.pm1());
          o.put("pm02", r.pm25());
          o.put("pm10", r.pm10());
          o.put("atmp", r.temperature());
          o.put("rhum", r.humidity());
          o.put("firmware", "airq-simulator");
          if (t != null) {
            o.put("timestamp", t.toString());
          }
          return o;
        }
      case "purpleair":
        {
          ObjectNode o = F.objectNode();
          o.put("DateTime", PayloadEncoder.PURPLEAIR_TIME.format(t));
          o.put("place", "outside");
          o.put("version", "airq-simulator");
          o.put("current_temp_f", CityModel.round1(r.temperature() * 9 / 5 + 32));
          o.put("current_humidity", r.humidity());
          o.put("pm1_0_cf_1", r.pm1());
          o.put("pm2_5_cf_1", r.pm25());
          o.put("pm10_0_cf_1", r.pm10());
          o.put("pm1_0_atm", r.pm1());
          o.put("pm2_5_atm", r.pm25());
          o.put("pm10_0_atm", r.pm10());
          double b = r.hasChannelB() ? r.pm25B() : r.pm25();
          double ratio = r.pm25() > 0 ? b / r.pm25() : 1;
          double pm1b = CityModel.round1(r.pm1() * ratio);
          double pm10b = CityModel.round1(r.pm10() * ratio);
          o.put("pm1_0_cf_1_b", pm1b);
          o.put("pm2_5_cf_1_b", b);
          o.put("pm10_0_cf_1_b", pm10b);
          o.put("pm1_0_atm_b", pm1b);
          o.put("pm2_5_atm_b", b);
          o.put("pm10_0_atm_b", pm10b);
          return o;
        }
      case "senml":
        {
          ArrayNode a = F.arrayNode();
          ObjectNode first = a.addObject();
          first.put("bt", t.getEpochSecond());
          first.put("n", "pm25");
          first.put("u", "ug/m3");
          first.put("v", r.pm25());
          a.addObject().put("n", "pm10").put("u", "ug/m3").put("v", r.pm10());
          a.addObject().put("n", "pm1").put("u", "ug/m3").put("v", r.pm1());
          a.addObject().put("n", "humidity").put("u", "%RH").put("v", r.humidity());
          a.addObject().put("n", "temperature").put("u", "Cel").put("v", r.temperature());
          if (r.hasNo2()) {
            a.addObject().put("n", "no2").put("u", "ug/m3").put("v", r.no2());
          }
          return a;
        }
      default:
        throw new IllegalArgumentException("unknown payload format " + format);
    }
  }
}
