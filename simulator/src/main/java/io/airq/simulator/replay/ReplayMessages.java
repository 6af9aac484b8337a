package io.airq.simulator.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.PayloadEncoder;
import io.airq.simulator.generate.SimMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MQTT messages and registry entries of a replay: one message per device reading with its
 * original time, on {@code airq/v1/<gateway>/<sensor>/<format>}. Archive and Sensor.Community
 * readings go by default in the sensors.AFRICA push format with the archive's value strings and the
 * original time in the optional "timestamp" field; hourly NO2 readings go by default in airq JSON.
 * A chosen format applies to every reading and is refused when it cannot carry a quantity.
 */
public final class ReplayMessages {
  private ReplayMessages() {}

  /** The gateway of an archive sensor: {@code sensorsafrica-<location>}. */
  public static String gateway(DeviceReading d) {
    return "sensorsafrica-" + d.location();
  }

  /** The messages of an archive replay in the default format, in time order. */
  public static List<SimMessage> messages(SensorsAfricaArchive.Replay replay) {
    return messages(replay, null);
  }

  /**
   * The messages of an archive replay in {@code format}; null or {@code sensor-community} gives the
   * sensors.AFRICA push body with the archive's value strings.
   *
   * @throws IllegalArgumentException when the format cannot carry a reading's quantity
   */
  public static List<SimMessage> messages(SensorsAfricaArchive.Replay replay, String format) {
    String f = format == null ? "sensor-community" : format;
    PayloadEncoder.carries(f);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<SimMessage> out = new ArrayList<>(replay.readings().size());
    for (DeviceReading d : replay.readings()) {
      byte[] payload;
      if (f.equals("sensor-community")) {
        ObjectNode body = nodes.objectNode();
        body.put("software_version", "airq-replay");
        body.put("timestamp", d.time().toString());
        ArrayNode values = body.putArray("sensordatavalues");
        d.values().forEach((k, v) -> values.addObject().put("value_type", k).put("value", v));
        payload = Json.write(body);
      } else {
        payload = encode(f, d.sensorId(), d.quantities(), d.time());
      }
      out.add(
          new SimMessage(
              d.time(), SimMessage.topic(gateway(d), d.sensorId(), f), payload, "reading", 1));
    }
    return out;
  }

  /**
   * The messages of hourly readings in {@code format} (null = airq JSON).
   *
   * @throws IllegalArgumentException when the format cannot carry NO2 (only airq and senml can)
   */
  public static List<SimMessage> hourlyMessages(
      List<HourlyNo2File.HourlyReading> readings, String format) {
    String f = format == null ? "airq" : format;
    if (!PayloadEncoder.carries(f).contains(Quantity.NO2)) {
      throw new IllegalArgumentException(
          "the hourly site files hold NO2, which the "
              + f
              + " format cannot carry; use --format "
              + String.join(" or ", PayloadEncoder.formatsCarrying(EnumSet.of(Quantity.NO2))));
    }
    List<SimMessage> out = new ArrayList<>(readings.size());
    for (HourlyNo2File.HourlyReading r : readings) {
      String sensor = r.site().sensorId();
      out.add(
          new SimMessage(
              r.time(),
              SimMessage.topic(r.site().topicGateway(), sensor, f),
              encode(f, sensor, r.values(), r.time()),
              "reading",
              1));
    }
    return out;
  }

  private static byte[] encode(
      String format, String sensor, Map<Quantity, Double> values, Instant time) {
    try {
      return PayloadEncoder.encode(format, values, time);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sensor " + sensor + ": " + e.getMessage(), e);
    }
  }

  /**
   * The registry entries of an archive replay with a county and reporting interval: one per sensor
   * that sends readings of its own (sensors joined into their PM sensor's readings are not).
   */
  public static List<Sensor> sensors(
      SensorsAfricaArchive.Replay replay, String county, Duration interval) {
    Map<String, Sensor> sensors = new LinkedHashMap<>();
    for (DeviceReading d : replay.readings()) {
      sensors.computeIfAbsent(
          d.sensorId(),
          id ->
              Sensor.builder(id)
                  .position(d.lat(), d.lon())
                  .gatewayId(gateway(d))
                  .area(d.location())
                  .county(county)
                  .hostType(HostType.PUBLIC)
                  .reportingInterval(interval)
                  .model(d.sensorType().equalsIgnoreCase("pms5003") ? "PMS5003" : d.sensorType())
                  .build());
    }
    return List.copyOf(sensors.values());
  }
}
