package io.airq.simulator.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.Registrar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a sensors.AFRICA archive: one MQTT message per device reading, in the sensors.AFRICA push
 * format with the original time in the optional "timestamp" field, on {@code
 * airq/v1/sensorsafrica-<location>/<sensor_id>/sensor-community}.
 */
public final class Replayer {
  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
  public static final Duration NAIROBI_INTERVAL = Duration.ofSeconds(155);

  private Replayer() {}

  /** What a replay published. */
  public record ReplayReport(
      long rows, long readings, long joined, long unpairedDropped, long badRows, long published) {}

  public static String gateway(DeviceReading d) {
    return "sensorsafrica-" + d.location();
  }

  /** The MQTT messages of a replay, in time order. */
  public static List<SimMessage> messages(SensorsAfricaArchive.Replay replay) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<SimMessage> out = new ArrayList<>(replay.readings().size());
    for (DeviceReading d : replay.readings()) {
      ObjectNode body = f.objectNode();
      body.put("software_version", "airq-replay");
      body.put("timestamp", d.time().toString());
      ArrayNode values = body.putArray("sensordatavalues");
      d.values().forEach((k, v) -> values.addObject().put("value_type", k).put("value", v));
      out.add(
          new SimMessage(
              d.time(),
              SimMessage.topic(gateway(d), d.sensorId(), "sensor-community"),
              Json.write(body),
              "reading",
              1));
    }
    return out;
  }

  /** The registry entries: one per sensor that sends PM (DHT22s joined into them are not). */
  public static List<Sensor> sensors(SensorsAfricaArchive.Replay replay) {
    return sensors(replay, "Nairobi", NAIROBI_INTERVAL);
  }

  /** The registry entries with a county and reporting interval. */
  public static List<Sensor> sensors(
      SensorsAfricaArchive.Replay replay, String county, Duration interval) {
    Map<String, Sensor> sensors = new LinkedHashMap<>();
    for (DeviceReading d : replay.readings()) {
      sensors.computeIfAbsent(
          d.sensorId(),
          id ->
              new Sensor(
                  id,
                  gateway(d),
                  d.lat(),
                  d.lon(),
                  d.location(),
                  "",
                  county,
                  false,
                  HostType.PUBLIC,
                  interval,
                  d.sensorType().equalsIgnoreCase("pms5003") ? "PMS5003" : d.sensorType(),
                  Map.of()));
    }
    return List.copyOf(sensors.values());
  }

  public static ReplayReport run(
      List<Path> archive,
      String county,
      Duration interval,
      String mqttUrl,
      String mqttUsername,
      String mqttPassword,
      String kafkaBootstrap,
      String topicPrefix,
      double speed,
      double rateCap,
      int qos,
      boolean progress)
      throws InterruptedException {
    SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(archive);
    List<SimMessage> messages = messages(replay);
    LOG.info(
        "{}: {} rows, {} readings ({} joined with humidity, {} unpaired DHT readings dropped, {}"
            + " bad rows)",
        archive,
        replay.rows(),
        messages.size(),
        replay.joined(),
        replay.unpairedDropped(),
        replay.badRows());
    if (kafkaBootstrap != null && !kafkaBootstrap.isBlank()) {
      Registrar.register(kafkaBootstrap, topicPrefix, sensors(replay, county, interval), List.of());
    }
    if (messages.isEmpty()) {
      return new ReplayReport(replay.rows(), 0, 0, replay.unpairedDropped(), replay.badRows(), 0);
    }
    String clientId = "airq-replay-" + UUID.randomUUID().toString().substring(0, 8);
    try (MqttPublisher publisher =
        new MqttPublisher(mqttUrl, clientId, mqttUsername, mqttPassword, qos, 20)) {
      Pacer pacer = new Pacer(messages.get(0).publishAt(), speed, rateCap);
      ProgressBar bar = new ProgressBar(progress, messages.size(), ZoneId.of("Africa/Nairobi"));
      long sent = 0;
      for (SimMessage m : messages) {
        pacer.await(m.publishAt());
        publisher.publish(m.topic(), m.payload());
        bar.update(m.publishAt(), ++sent);
      }
      publisher.flush(60_000);
      bar.finish(messages.get(messages.size() - 1).publishAt(), sent);
      LOG.info("replayed {} messages, {} acknowledged", sent, publisher.acked());
      return new ReplayReport(
          replay.rows(),
          messages.size(),
          replay.joined(),
          replay.unpairedDropped(),
          replay.badRows(),
          publisher.acked());
    } catch (MqttException e) {
      throw new IllegalStateException("MQTT connection to " + mqttUrl + " failed", e);
    }
  }
}
