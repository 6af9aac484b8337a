package io.airq.simulator.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.closure.Closure;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.PayloadEncoder;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.Registrar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays real archives: one MQTT message per device reading with its original time, on {@code
 * airq/v1/<gateway>/<sensor>/<format>}. The sensors.AFRICA archive and Sensor.Community files go by
 * default in the sensors.AFRICA push format with the archive's value strings and the original time
 * in the optional "timestamp" field; the Cork hourly NO2 files go by default in airq JSON. A chosen
 * format ({@code airq}, {@code sensor-community}, {@code airgradient}, {@code purpleair}, {@code
 * senml}) applies to every reading and is refused when it cannot carry a quantity.
 */
public final class Replayer {
  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
  public static final Duration NAIROBI_INTERVAL = Duration.ofSeconds(155);

  private Replayer() {}

  /**
   * What a replay published.
   *
   * @param rows data rows read
   * @param readings messages to publish (one reading each)
   * @param joined humidity-sensor readings joined into a PM reading
   * @param unpairedDropped humidity-sensor readings of a paired sensor that joined nothing
   * @param badRows rows that did not parse
   * @param missingSkipped Cork rows without an NO2 value ({@code NA}), not sent
   * @param published messages the broker acknowledged
   */
  public record ReplayReport(
      long rows,
      long readings,
      long joined,
      long unpairedDropped,
      long badRows,
      long missingSkipped,
      long published) {}

  /**
   * Everything a replay sends and registers, in time order.
   *
   * @param zone the zone the progress bar shows (Europe/Dublin for Cork alone, else Nairobi)
   */
  public record Plan(
      List<SimMessage> messages,
      List<Sensor> sensors,
      List<Closure> closures,
      long rows,
      long joined,
      long unpairedDropped,
      long badRows,
      long missingSkipped,
      ZoneId zone) {}

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
   * The messages of Cork hourly readings in {@code format} (null = airq JSON).
   *
   * @throws IllegalArgumentException when the format cannot carry NO2 (only airq and senml can)
   */
  public static List<SimMessage> corkMessages(
      List<CorkHourly.HourlyReading> readings, String format) {
    String f = format == null ? "airq" : format;
    if (!PayloadEncoder.carries(f).contains(Quantity.NO2)) {
      throw new IllegalArgumentException(
          "the Cork files hold NO2, which the "
              + f
              + " format cannot carry; use --format "
              + String.join(" or ", PayloadEncoder.formatsCarrying(EnumSet.of(Quantity.NO2))));
    }
    List<SimMessage> out = new ArrayList<>(readings.size());
    for (CorkHourly.HourlyReading r : readings) {
      String sensor = r.site().sensorId();
      out.add(
          new SimMessage(
              r.time(),
              SimMessage.topic(CorkHourly.GATEWAY, sensor, f),
              encode(f, sensor, r.values(), r.time()),
              "reading",
              1));
    }
    return out;
  }

  private static byte[] encode(
      String format, String sensor, Map<Quantity, Double> values, java.time.Instant time) {
    try {
      return PayloadEncoder.encode(format, values, time);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sensor " + sensor + ": " + e.getMessage(), e);
    }
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

  /**
   * Reads the inputs (files or directories) and builds the replay: Cork hourly files (recognised by
   * their header) on one side, archive and Sensor.Community files (read and paired together) on the
   * other. {@code county} and {@code interval} apply to the archive sensors; the Cork sites carry
   * their own. The Cork Car-Free Day closure is included when the Cork data covers that day.
   *
   * @param format a payload format, or null for each source's default
   * @throws IllegalArgumentException for an unknown format or one that cannot carry a quantity
   */
  public static Plan plan(List<Path> inputs, String format, String county, Duration interval) {
    if (format != null) {
      PayloadEncoder.carries(format);
    }
    List<Path> cork = new ArrayList<>();
    List<Path> archive = new ArrayList<>();
    for (Path f : SensorsAfricaArchive.expand(inputs)) {
      (CorkHourly.isCorkHeader(firstLine(f)) ? cork : archive).add(f);
    }
    List<SimMessage> messages = new ArrayList<>();
    List<Sensor> sensors = new ArrayList<>();
    List<Closure> closures = new ArrayList<>();
    long rows = 0;
    long joined = 0;
    long dropped = 0;
    long bad = 0;
    long missing = 0;
    boolean archiveReadings = false;
    if (!archive.isEmpty()) {
      SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(archive);
      messages.addAll(messages(replay, format));
      sensors.addAll(sensors(replay, county, interval));
      rows += replay.rows();
      joined += replay.joined();
      dropped += replay.unpairedDropped();
      bad += replay.badRows();
      archiveReadings = !replay.readings().isEmpty();
    }
    List<String> corkSensors = new ArrayList<>();
    boolean carFreeDay = false;
    for (Path f : cork) {
      CorkHourly.Read read = CorkHourly.read(f);
      messages.addAll(corkMessages(read.readings(), format));
      String id = read.readings().isEmpty() ? null : read.readings().get(0).site().sensorId();
      if (id != null && !corkSensors.contains(id)) {
        corkSensors.add(id);
        sensors.add(CorkHourly.sensor(read.readings().get(0).site()));
      }
      carFreeDay |=
          read.readings().stream()
              .anyMatch(
                  r ->
                      r.time()
                          .atZone(CorkHourly.ZONE)
                          .toLocalDate()
                          .equals(CorkHourly.CAR_FREE_DAY));
      rows += read.rows();
      bad += read.badRows();
      missing += read.missingNo2();
    }
    if (carFreeDay) {
      closures.add(CorkHourly.carFreeDay(corkSensors));
    }
    messages.sort(Comparator.comparing(SimMessage::publishAt));
    ZoneId zone =
        !archiveReadings && !corkSensors.isEmpty() ? CorkHourly.ZONE : ZoneId.of("Africa/Nairobi");
    return new Plan(
        List.copyOf(messages),
        List.copyOf(sensors),
        List.copyOf(closures),
        rows,
        joined,
        dropped,
        bad,
        missing,
        zone);
  }

  private static String firstLine(Path f) {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
      return r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #run(List, String, String, Duration, String, String, String, String, String, double,
   * double, int, boolean)} in each source's default format.
   */
  public static ReplayReport run(
      List<Path> inputs,
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
    return run(
        inputs,
        null,
        county,
        interval,
        mqttUrl,
        mqttUsername,
        mqttPassword,
        kafkaBootstrap,
        topicPrefix,
        speed,
        rateCap,
        qos,
        progress);
  }

  /** Plans the replay, registers its sensors (and closures) when Kafka is given, and publishes. */
  public static ReplayReport run(
      List<Path> inputs,
      String format,
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
    Plan plan = plan(inputs, format, county, interval);
    List<SimMessage> messages = plan.messages();
    LOG.info(
        "{}: {} rows, {} readings ({} joined with humidity, {} unpaired DHT readings dropped, {}"
            + " bad rows, {} rows without NO2)",
        inputs,
        plan.rows(),
        messages.size(),
        plan.joined(),
        plan.unpairedDropped(),
        plan.badRows(),
        plan.missingSkipped());
    if (kafkaBootstrap != null && !kafkaBootstrap.isBlank()) {
      Registrar.register(kafkaBootstrap, topicPrefix, plan.sensors(), plan.closures());
    }
    if (messages.isEmpty()) {
      return report(plan, 0);
    }
    String clientId = "airq-replay-" + UUID.randomUUID().toString().substring(0, 8);
    try (MqttPublisher publisher =
        new MqttPublisher(mqttUrl, clientId, mqttUsername, mqttPassword, qos, 20)) {
      Pacer pacer = new Pacer(messages.get(0).publishAt(), speed, rateCap);
      ProgressBar bar = new ProgressBar(progress, messages.size(), plan.zone());
      long sent = 0;
      for (SimMessage m : messages) {
        pacer.await(m.publishAt());
        publisher.publish(m.topic(), m.payload());
        bar.update(m.publishAt(), ++sent);
      }
      publisher.flush(60_000);
      bar.finish(messages.get(messages.size() - 1).publishAt(), sent);
      LOG.info("replayed {} messages, {} acknowledged", sent, publisher.acked());
      return report(plan, publisher.acked());
    } catch (MqttException e) {
      throw new IllegalStateException("MQTT connection to " + mqttUrl + " failed", e);
    }
  }

  private static ReplayReport report(Plan plan, long published) {
    return new ReplayReport(
        plan.rows(),
        plan.messages().size(),
        plan.joined(),
        plan.unpairedDropped(),
        plan.badRows(),
        plan.missingSkipped(),
        published);
  }
}
